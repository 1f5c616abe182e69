/**
 * The real executable, spawned: exit codes, one-line stderr, no stack. Few
 * cases, because each start loads the kit and mathjs (about a second).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'convkit.js');

function convkit(...args: string[]) {
  // Run the file itself (not `node bin/convkit.js`), so the shebang and the executable bit are tested too.
  const result = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('bin/convkit.js prints MobileNet v1 costs as JSON and exits 0', () => {
  const { code, stdout, stderr } = convkit('cost', 'mobilenet-v1', '--json');
  assert.equal(code, 0, stderr);
  const json = JSON.parse(stdout) as { macs: number; flops: number; params: { total: number } };
  assert.equal(json.macs, 568_740_352);
  assert.equal(json.flops, 2 * json.macs);
  assert.equal(json.params.total, 4_253_864);
});

test('bin/convkit.js exits 2 with one line and no stack trace on bad input', () => {
  for (const args of [['cost', 'mobilenet-v1', '--alpha', '-1'], ['cost', 'mobilenet-v1', '--nope'], ['frobnicate']]) {
    const { code, stdout, stderr } = convkit(...args);
    assert.equal(code, 2, `convkit ${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.match(stderr, /^convkit: [^\n]+\n$/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  }
});

test('bin/convkit.js --version exits 0', () => {
  const { code, stdout } = convkit('--version');
  assert.equal(code, 0);
  assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
});

test('bin/convkit.js run is dispatched to the notebook runner (its --help, its exit code)', () => {
  const help = convkit('run', '--help');
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /convkit run/);
  const bad = convkit('run', '--frobnicate');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^convkit[^\n]*--frobnicate[^\n]*\n$/);
});

/** A compiler stand-in for scripts/build.mjs (CONVKIT_TSC): a lib/ whose cli.js echoes its arguments. */
const STUB_TSC = `
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const out = join(process.argv[process.argv.indexOf('--outDir') + 1], 'src');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'index.js'), '');
writeFileSync(join(out, 'cli.js'), "exports.runCommandLine = async (args) => { process.stdout.write('lib/cli.js ' + args.join(' ') + '\\\\n'); return 0; };");
`;

test('bin/convkit.js runs lib/cli.js, and rebuilds lib/ first when it is missing or behind src/', () => {
  const root = mkdtempSync(join(tmpdir(), 'convkit-bin-'));
  try {
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'scripts'));
    mkdirSync(join(root, 'src'));
    copyFileSync(BIN, join(root, 'bin', 'convkit.js'));
    for (const script of ['build.mjs', 'lib-state.cjs']) copyFileSync(join(ROOT, 'scripts', script), join(root, 'scripts', script));
    writeFileSync(join(root, 'tsconfig.build.json'), '{}');
    for (const source of ['index.ts', 'cli.ts']) writeFileSync(join(root, 'src', source), 'export {};');
    writeFileSync(join(root, 'tsc-stub.js'), STUB_TSC);
    const run = () => {
      const result = spawnSync(process.execPath, [join(root, 'bin', 'convkit.js'), 'cost', 'x'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, CONVKIT_TSC: join(root, 'tsc-stub.js') },
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, 'lib/cli.js cost x\n', "stdout carries only the command's output");
      return result.stderr;
    };
    assert.match(run(), /^convkit: lib\/ is not built; rebuilding lib\/ first\nbuild: lib\/ compiled/);
    assert.equal(run(), '', 'an up-to-date lib/ runs as it is, without a word');
    // An edit just after the last build started (and before now, when the next one starts).
    const { started } = JSON.parse(readFileSync(join(root, 'lib', '.build.json'), 'utf8')) as { started: number };
    const edited = (started + 1) / 1000;
    utimesSync(join(root, 'src', 'cli.ts'), edited, edited);
    assert.match(run(), /^convkit: src\/cli\.ts changed after lib\/ was built; rebuilding lib\/ first\n/);
    assert.equal(run(), '');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
