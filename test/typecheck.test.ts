/**
 * The kit is strict TypeScript. The automatic builds (npm ci's prepare,
 * pretest) are lenient so one slip does not block installing; this test is
 * where a type error fails the suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

test('src, test and bench type-check under strict mode with no errors', () => {
  const root = join(__dirname, '..');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(root, 'tsconfig.json')], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `tsc reported errors:\n${result.stdout}${result.stderr}`);
});
