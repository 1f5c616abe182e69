import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { CONVKIT_KERNELSPEC } from '../../src/notebook/nbformat';
import { REPO } from './throwaway';

const SCRIPT = join(REPO, 'scripts', 'kernel-install.mjs');

test("kernel:install --prefix writes a kernelspec that starts this repo's tslab with an absolute node path", () => {
  const prefix = mkdtempSync(join(tmpdir(), 'convkit-kernelspec-'));
  try {
    const result = spawnSync(process.execPath, [SCRIPT, '--prefix', prefix], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const spec = JSON.parse(readFileSync(join(prefix, 'share', 'jupyter', 'kernels', CONVKIT_KERNELSPEC.name, 'kernel.json'), 'utf8'));
    assert.equal(spec.display_name, CONVKIT_KERNELSPEC.display_name);
    assert.equal(spec.language, 'typescript');
    const [node, preloadFlag, preload, tslab, ...rest] = spec.argv as string[];
    assert.ok(isAbsolute(node!) && existsSync(node!), `node path ${node} is absolute and exists`);
    assert.equal(preloadFlag, '-r');
    assert.equal(preload, join(REPO, 'src', 'notebook', 'kernel-preload.cjs'), 'the same preload as convkit run');
    assert.ok(existsSync(preload!));
    assert.equal(tslab, join(REPO, 'node_modules', 'tslab', 'bin', 'tslab'), 'the local tslab, not a global one');
    assert.ok(existsSync(tslab!));
    assert.deepEqual(rest, ['kernel', '--config-path', '{connection_file}']);
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
});

test('kernel:install without --prefix honours JUPYTER_DATA_DIR (the user data folder)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'convkit-jupyter-data-'));
  try {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8', env: { ...process.env, JUPYTER_DATA_DIR: dataDir } });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(join(dataDir, 'kernels', CONVKIT_KERNELSPEC.name, 'kernel.json')));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('kernel:install rejects an unknown flag with exit code 2, naming it', () => {
  const result = spawnSync(process.execPath, [SCRIPT, '--global'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /flag = "--global": must be --prefix DIR or --user/);
});
