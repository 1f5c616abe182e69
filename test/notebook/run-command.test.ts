import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError } from '../../src/errors';
import { parseRunArgs, runCommand } from '../../src/notebook/run-command';

test('with no arguments the runner writes to build/notebooks with a 120 s cell timeout', () => {
  assert.deepEqual(parseRunArgs([]), { notebooks: [], outDir: 'build/notebooks', inplace: false, timeoutSeconds: 120, help: false });
});

test('notebooks, --out, --timeout and --inplace are read in any order, with or without "="', () => {
  assert.deepEqual(parseRunArgs(['a.ipynb', '--timeout', '2.5', 'b.ipynb', '--out=dist']), {
    notebooks: ['a.ipynb', 'b.ipynb'],
    outDir: 'dist',
    inplace: false,
    timeoutSeconds: 2.5,
    help: false,
  });
  assert.equal(parseRunArgs(['--inplace', 'a.ipynb']).inplace, true);
});

test('bad arguments name the flag, the value and the rule', () => {
  const cases: [string[], RegExp][] = [
    [['--timeout', '0'], /--timeout = "0": must be a number of seconds greater than 0/],
    [['--timeout', 'soon'], /--timeout = "soon"/],
    [['--timeout'], /--timeout = null: needs a value/],
    [['--out', '--inplace'], /--out = "--inplace": needs a value/],
    [['--verbose'], /flag = "--verbose": must be one of --out, --inplace, --timeout/],
    [['notes.md'], /notebook = "notes.md": must be a .ipynb file/],
    [['--inplace', '--out', 'x'], /--inplace = true: cannot be combined with --out/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseRunArgs(args), (error: unknown) => error instanceof ConvkitInputError && message.test(error.message), args.join(' '));
  }
});

test('runCommand turns bad input into exit code 2 with one line on stderr', async () => {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    assert.equal(await runCommand(['--timeout', '-1']), 2);
    assert.equal(await runCommand(['/nonexistent/x.ipynb']), 2);
  } finally {
    process.stderr.write = original;
  }
  assert.equal(written.length, 2);
  assert.match(written[0]!, /^convkit run: --timeout = "-1": must be a number/);
  assert.match(written[1]!, /^convkit run: notebook = "\/nonexistent\/x\.ipynb": must be a readable \.ipynb file \(ENOENT\)\n$/);
});
