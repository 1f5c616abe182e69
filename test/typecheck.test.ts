/**
 * The kit is strict TypeScript. The automatic builds (npm ci's prepare, the
 * build npm test starts with) are lenient so one slip does not block
 * installing; this test is where a type error fails the suite.
 *
 * The build already type-checks src/, test/ and bench/ in the same compiler
 * run that emits lib/, and keeps what the compiler said in lib/.build.json.
 * This test reads that verdict; it compiles only when a checked file changed
 * since (scripts/lib-state.cjs checkState), e.g. when run on its own after
 * an edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

interface BuildRecord {
  status: number;
  errors: string[];
}
interface State {
  stale: boolean;
  reason?: string;
  record: BuildRecord | null;
}

const ROOT = join(__dirname, '..');
const { checkState } = require(join(ROOT, 'scripts', 'lib-state.cjs')) as { checkState: (repo: string) => State };

test('src, test and bench type-check under strict mode with no errors', () => {
  let state = checkState(ROOT);
  if (state.stale) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--lenient'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `the build did not finish (${state.reason}):\n${build.stderr}`);
    state = checkState(ROOT);
  }
  assert.ok(state.record && !state.stale, `no current type check in lib/.build.json: ${state.reason}`);
  assert.equal(state.record.status, 0, `tsc reported errors:\n${state.record.errors.join('\n')}`);
});
