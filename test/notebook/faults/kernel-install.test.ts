/**
 * `npm run kernel:install -- --prefix …` mistakes: one line naming --prefix,
 * the value and the rule (exit 2), nothing written; a relative --prefix is
 * taken from the folder the command was typed in (INIT_CWD under npm), not
 * the package root npm runs scripts from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONVKIT_KERNELSPEC } from '../../../src/notebook/nbformat';
import { REPO } from '../throwaway';

const SCRIPT = join(REPO, 'scripts', 'kernel-install.mjs');
const SPEC = join('share', 'jupyter', 'kernels', CONVKIT_KERNELSPEC.name, 'kernel.json');

function install(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? REPO,
    env: { ...process.env, INIT_CWD: '', ...options.env },
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

test('--prefix mistakes are one line, exit 2, and write nothing', () => {
  const root = mkdtempSync(join(tmpdir(), 'convkit-kernel-install-'));
  try {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const cases: [string[], RegExp][] = [
      [['--prefix', file], /^kernel:install: --prefix = ".*a-file": must be a folder, but it is a file$/],
      [[`--prefix=${file}`], /^kernel:install: --prefix = ".*a-file": must be a folder, but it is a file$/],
      [['--prefix', join(file, 'sub')], /^kernel:install: --prefix = ".*a-file\/sub": must be a folder, but .*a-file is a file$/],
      [['--prefix='], /^kernel:install: --prefix = "": must name a folder \(it is empty\)$/],
      [['--prefix', ''], /^kernel:install: --prefix = "": must name a folder \(it is empty\)$/],
      [['--prefix'], /^kernel:install: --prefix = null: needs a folder \(--prefix DIR\)$/],
      [['--prefix', '--user'], /^kernel:install: --prefix = "--user": needs a folder/],
      [['--prefix', root, '--prefix', root], /^kernel:install: option = "--prefix": given 2 times; give each option once$/],
      [['--prefix', '/sys/convkit'], /^kernel:install: --prefix = "\/sys\/convkit": must be a folder this user can write \(E[A-Z]+\)$/],
      [['--verbose'], /^kernel:install: flag = "--verbose": must be --prefix DIR or --user$/],
    ];
    for (const [args, rule] of cases) {
      const result = install(args);
      assert.equal(result.code, 2, `${JSON.stringify(args)}\n${result.stderr}`);
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${JSON.stringify(args)}: one line\n${result.stderr}`);
      assert.match(lines[0]!, rule, JSON.stringify(args));
    }
    assert.deepEqual(readdirSync(root), ['a-file'], 'nothing was written');
    assert.equal(existsSync(join(REPO, 'share')), false, 'nothing was installed into the repo');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a relative --prefix is resolved against the caller's folder: INIT_CWD under npm, else the current folder", () => {
  const root = mkdtempSync(join(tmpdir(), 'convkit-kernel-install-'));
  try {
    const caller = join(root, 'where-i-typed');
    mkdirSync(caller);
    const underNpm = install(['--prefix', 'venv'], { cwd: REPO, env: { INIT_CWD: caller } });
    assert.equal(underNpm.code, 0, underNpm.stderr);
    assert.ok(existsSync(join(caller, 'venv', SPEC)), 'installed below INIT_CWD');
    assert.equal(existsSync(join(REPO, 'venv')), false, 'not below the package root');

    const direct = install(['--prefix=other'], { cwd: caller });
    assert.equal(direct.code, 0, direct.stderr);
    assert.ok(existsSync(join(caller, 'other', SPEC)), 'installed below the current folder');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
