/**
 * The real executable, spawned: exit codes, one-line stderr, no stack. Few
 * cases, because each start loads TypeScript and mathjs (about a second).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
