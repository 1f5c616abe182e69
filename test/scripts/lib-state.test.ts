/**
 * scripts/lib-state.cjs: when lib/ counts as behind src/, and when the
 * build's recorded type check no longer holds. Each case sets up a
 * throwaway repo with a lib/ and a build record, then changes one thing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

interface State {
  stale: boolean;
  reason?: string;
}
const { checkState, libState } = require(join(__dirname, '..', '..', 'scripts', 'lib-state.cjs')) as {
  checkState: (repo: string) => State;
  libState: (repo: string) => State;
};

const SOURCES = ['src/index.ts', 'src/cost/model.ts'];
const TESTS = ['test/cost/model.test.ts'];
/** Every file is dated an hour before the build started. */
const BEFORE = Date.now() / 1000 - 3600;

function write(root: string, path: string, text = 'export {};'): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  utimesSync(join(root, path), BEFORE, BEFORE);
}

function builtRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'convkit-lib-state-'));
  for (const path of [...SOURCES, ...TESTS]) write(root, path);
  write(root, 'tsconfig.json', '{}');
  for (const source of SOURCES) write(root, source.replace(/^src\//, 'lib/').replace(/\.ts$/, '.js'), '');
  write(root, 'lib/.build.json', JSON.stringify({ started: Date.now() - 1000, typescript: '5.9.3', status: 0, errors: [], inputs: [...SOURCES, ...TESTS] }));
  return root;
}

function withRepo(change: (root: string) => void, check: (root: string) => void): void {
  const root = builtRepo();
  try {
    change(root);
    check(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('a lib/ built after every source is current, for running and for the type check', () => {
  withRepo(
    () => {},
    (root) => {
      assert.deepEqual(libState(root).stale, false);
      assert.deepEqual(checkState(root).stale, false);
    },
  );
});

test('lib/ is behind when a source changed, has no output, or an output lost its source, when there is no record, or the compiler changed', () => {
  const cases: [string, (root: string) => void, RegExp][] = [
    [
      'an edited source',
      (root) => writeFileSync(join(root, 'src', 'cost', 'model.ts'), 'export const x = 1;'),
      /src\/cost\/model\.ts changed after lib\/ was built/,
    ],
    ['a new source', (root) => write(root, 'src/cost/memory.ts'), /src\/cost\/memory\.ts has no compiled lib\/cost\/memory\.js/],
    ['a deleted source', (root) => rmSync(join(root, 'src', 'cost', 'model.ts')), /lib\/cost\/model\.js is left from a source file that no longer exists/],
    ['no build record', (root) => rmSync(join(root, 'lib', '.build.json')), /lib\/ has no build record/],
    ['no lib/ at all', (root) => rmSync(join(root, 'lib'), { recursive: true }), /lib\/ is not built/],
    ['an edited tsconfig.json', (root) => writeFileSync(join(root, 'tsconfig.json'), '{ }'), /tsconfig\.json changed after lib\/ was built/],
    [
      'another TypeScript installed',
      (root) => write(root, 'node_modules/typescript/package.json', '{ "version": "9.9.9" }'),
      /compiled by TypeScript 5\.9\.3, and 9\.9\.9 is installed now/,
    ],
  ];
  for (const [what, change, reason] of cases) {
    withRepo(change, (root) => {
      const state = libState(root);
      assert.equal(state.stale, true, what);
      assert.match(state.reason ?? '', reason, what);
      assert.equal(checkState(root).stale, true, `${what}: the type check is out of date too`);
    });
  }
});

test('a changed, added or removed test or bench file only dates the type check, not lib/', () => {
  const cases: [string, (root: string) => void, RegExp][] = [
    ['an edited test', (root) => writeFileSync(join(root, 'test', 'cost', 'model.test.ts'), 'export {};'), /test\/cost\/model\.test\.ts changed/],
    ['a new bench file', (root) => write(root, 'bench/cost.bench.ts'), /bench\/cost\.bench\.ts is newer than the last type check/],
    ['a removed test', (root) => rmSync(join(root, 'test', 'cost', 'model.test.ts')), /test\/cost\/model\.test\.ts was removed/],
  ];
  for (const [what, change, reason] of cases) {
    withRepo(change, (root) => {
      assert.equal(libState(root).stale, false, `${what}: lib/ still matches src/`);
      const state = checkState(root);
      assert.equal(state.stale, true, what);
      assert.match(state.reason ?? '', reason, what);
    });
  }
});

test('a copy of the kit without src/ (installed, not a checkout) is never stale', () => {
  withRepo(
    (root) => rmSync(join(root, 'src'), { recursive: true }),
    (root) => assert.equal(libState(root).stale, false),
  );
});

test('convkit run warns with the same reason, and says nothing for a current lib/ or an installed copy without scripts/', () => {
  const { staleLibWarning } = require('../../src/notebook/run-command') as typeof import('../../src/notebook/run-command');
  const withScript = (root: string) => write(root, 'scripts/lib-state.cjs', readFileSync(join(__dirname, '..', '..', 'scripts', 'lib-state.cjs'), 'utf8'));
  withRepo(withScript, (root) => assert.equal(staleLibWarning(root), null));
  withRepo(
    (root) => {
      withScript(root);
      writeFileSync(join(root, 'src', 'cost', 'model.ts'), 'export const x = 1;');
    },
    (root) => assert.match(staleLibWarning(root) ?? '', /^convkit run: warning: src\/cost\/model\.ts changed after lib\/ was built; notebooks import lib\//),
  );
  withRepo(
    (root) => writeFileSync(join(root, 'src', 'cost', 'model.ts'), 'export const x = 1;'),
    (root) => assert.equal(staleLibWarning(root), null),
  );
});
