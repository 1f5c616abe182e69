import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConvkitInputError } from '../../src/core/errors';
import { parseRunArgs, RUN_USAGE, runCommand } from '../../src/notebook/run-command';
import { defaultNotebooks, listNotebooks, outputPaths } from '../../src/notebook/run-notebooks';
import { notebookJson, REPO } from './throwaway';

/** A throwaway notebooks/ folder: lessons b, a and their solutions, with `broken` holding invalid JSON. */
function notebooksFolder(broken?: string): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'convkit-run-default-'));
  mkdirSync(join(root, 'notebooks', 'solutions'), { recursive: true });
  for (const name of [
    'notebooks/b-lesson.ipynb',
    'notebooks/a-lesson.ipynb',
    'notebooks/solutions/a-solutions.ipynb',
    'notebooks/solutions/b-solutions.ipynb',
  ]) {
    writeFileSync(join(root, name), name === broken ? '{ not json' : notebookJson(['1 + 1']));
  }
  writeFileSync(join(root, 'notebooks', 'README.md'), '# not a notebook');
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

test('with no arguments the runner writes to build/notebooks with a 120 s cell timeout', () => {
  assert.deepEqual(parseRunArgs([]), { notebooks: [], outDir: 'build/notebooks', outGiven: false, inplace: false, timeoutSeconds: 120, help: false });
});

test('notebooks, --out, --timeout and --inplace are read in any order, with or without "="', () => {
  assert.deepEqual(parseRunArgs(['a.ipynb', '--timeout', '2.5', 'b.ipynb', '--out=dist']), {
    notebooks: ['a.ipynb', 'b.ipynb'],
    outDir: 'dist',
    outGiven: true,
    inplace: false,
    timeoutSeconds: 2.5,
    help: false,
  });
  assert.equal(parseRunArgs(['--inplace', 'a.ipynb']).inplace, true);
});

test('bad arguments name the flag, the value and the rule', () => {
  const cases: [string[], RegExp][] = [
    [['--timeout', '0'], /--timeout = "0": must be greater than 0 and at most 86400 s/],
    [['--timeout', 'soon'], /--timeout = "soon"/],
    [['--timeout'], /--timeout \(no value\): needs a value after it/],
    [['--out', '--inplace'], /--out = "--inplace": needs a value/],
    [['--verbose'], /flag = "--verbose": must be one of --out, --inplace, --timeout/],
    [['notes.md'], /notebook = "notes.md": must be a .ipynb file/],
    [['--inplace', '--out', 'x'], /--inplace = true: cannot be combined with --out/],
  ];
  for (const [args, message] of cases) {
    assert.throws(
      () => parseRunArgs(args),
      (error: unknown) => error instanceof ConvkitInputError && message.test(error.message),
      args.join(' '),
    );
  }
});

test('runCommand turns bad input into exit code 2 with one line on stderr', async () => {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    assert.equal(await runCommand(['--timeout', '-1']), 2);
    assert.equal(await runCommand(['/nonexistent/x.ipynb']), 2);
  } finally {
    process.stderr.write = original;
  }
  assert.equal(written.length, 2);
  assert.match(written[0]!, /^convkit run: --timeout = "-1": must be decimal seconds/);
  assert.match(written[1]!, /^convkit run: notebook = "\/nonexistent\/x\.ipynb": must be a readable \.ipynb file \(ENOENT\)\n$/);
});

test('with no notebook named, the runner covers the lessons in order and then their solutions', () => {
  const { root, dispose } = notebooksFolder();
  try {
    const notebooks = join(root, 'notebooks');
    assert.deepEqual(defaultNotebooks(notebooks), [
      join(notebooks, 'a-lesson.ipynb'),
      join(notebooks, 'b-lesson.ipynb'),
      join(notebooks, 'solutions', 'a-solutions.ipynb'),
      join(notebooks, 'solutions', 'b-solutions.ipynb'),
    ]);
  } finally {
    dispose();
  }
});

test("the repository's default list is every lesson and then every solution notebook", () => {
  const notebooks = join(REPO, 'notebooks');
  const expected = [...listNotebooks(notebooks), ...listNotebooks(join(notebooks, 'solutions'))];
  assert.ok(
    expected.some((p) => p.includes(`${join('notebooks', 'solutions')}`)),
    'the repository has solution notebooks',
  );
  assert.deepEqual(defaultNotebooks(notebooks), expected);
  assert.match(RUN_USAGE, /notebooks\/solutions\/\*\.ipynb/);
});

test('`convkit run` with no names checks the solution notebooks too (a corrupt one is reported before any kernel starts)', async () => {
  const { root, dispose } = notebooksFolder('notebooks/solutions/b-solutions.ipynb');
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  const cwd = process.cwd();
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    process.chdir(root);
    assert.equal(await runCommand([]), 2);
  } finally {
    process.chdir(cwd);
    process.stderr.write = original;
    dispose();
  }
  assert.equal(written.length, 1);
  assert.match(written[0]!, /^convkit run: .*notebooks\/solutions\/b-solutions\.ipynb/);
});

test('executed copies keep the solutions apart: OUT/name for lessons, OUT/solutions/name for solutions', () => {
  const paths = ['notebooks/01-a.ipynb', 'notebooks/solutions/01-solutions.ipynb'];
  assert.deepEqual(outputPaths(paths, 'build/notebooks'), [
    join('build', 'notebooks', '01-a.ipynb'),
    join('build', 'notebooks', 'solutions', '01-solutions.ipynb'),
  ]);
  assert.deepEqual(outputPaths(['notebooks/solutions/01-solutions.ipynb'], 'out'), [join('out', '01-solutions.ipynb')], 'one notebook: just its name');
  assert.deepEqual(outputPaths(['x/a.ipynb', 'y/a.ipynb'], 'out'), [join('out', 'x', 'a.ipynb'), join('out', 'y', 'a.ipynb')], 'same names never collide');
});
