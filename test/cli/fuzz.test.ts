// Fuzzed command lines, as a new user or a careless script would type them:
// every one ends with exit 0 and output, or exit 2 and one line naming the
// field, never an internal error (a stack trace at the terminal), never a
// literal undefined/null as the value, never an echoed value longer than
// about 60 characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_SHOWN_VALUE_LENGTH } from '../../src/core/errors';
import { runCli } from './run-cli';

const RUNS = 800;
const tally = { tried: 0, ok: 0, rejected: 0, internal: 0 };

const FLAGS = [
  '--help',
  '-h',
  '--json',
  '--per-layer',
  '--alpha',
  '--resolution',
  '--depth',
  '--growth-rate',
  '--variant',
  '--classes',
  '--input',
  '--filters',
  '--kernel',
  '--stride',
  '--padding',
  '--dilation',
  '--groups',
  '--bias',
  '--depth-multiplier',
  '--layers',
  '--compression',
  '--expansion',
  '--bottleneck',
  '--squeeze',
  '--version',
  '--bogus',
  '-x',
  '--',
];
const VALUES = [
  '0',
  '1',
  '2',
  '3',
  '7',
  '16',
  '64',
  '-1',
  '0.5',
  '1.5',
  '1e400',
  '1e20',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '',
  ' ',
  'same',
  'valid',
  'v1',
  'v1.5',
  '8,8,3',
  '7,7,7',
  '1,1,1',
  '8,8',
  '0,8,8',
  '4096,4096,4096',
  'a,b,c',
  'x'.repeat(300),
  'undefined',
  'null',
];
const FIRST = ['cost', 'layer', 'help', '--help', '--help=1', '--version', '--version=2', 'frobnicate', ''];
const SECOND = [
  'mobilenet-v1',
  'mobilenet-v2',
  'mobilenet-v3-small',
  'densenet-121',
  'densenet-cifar',
  'densenet-bc-cifar',
  'resnet-18',
  'resnet-50',
  'resnet-cifar',
  'efficientnet-b0',
  'conv',
  'depthwise',
  'pointwise',
  'separable',
  'separable-block',
  'inverted-residual',
  'se',
  'dense-block',
  'transition',
  'resnet-basic',
  'resnet-bottleneck',
  'alexnet',
  'x'.repeat(10_240),
];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FLAGS), fc.constantFrom(...VALUES)).map(([f, v]) => `${f}=${v}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const argv = fc.tuple(fc.constantFrom(...FIRST), fc.constantFrom(...SECOND), fc.array(token, { maxLength: 8 })).map(([a, b, rest]) => [a, b, ...rest]);

test(`${RUNS} fuzzed command lines: exit 0 with output, or exit 2 with one clean line`, async () => {
  await fc.assert(
    fc.asyncProperty(argv, async (args) => {
      tally.tried++;
      const result = await runCli(...args);
      const what = `convkit ${JSON.stringify(args).slice(0, 300)}`;
      if (result.code === 0) {
        tally.ok++;
        assert.ok(result.stdout.length > 0, `${what}: no output`);
        assert.equal(result.stderr, '', what);
        assert.doesNotMatch(result.stdout, /\bNaN\b|\bInfinity\b/, what);
        return;
      }
      if (result.code !== 2) tally.internal++;
      assert.equal(result.code, 2, `${what}: exit ${result.code}: ${result.stderr}`);
      tally.rejected++;
      assert.equal(result.stdout, '', what);
      assert.match(result.stderr, /^convkit: [^\n]+\n$/, what);
      assert.doesNotMatch(result.stderr, /internal error/, what);
      // A typed "undefined" is echoed in quotes; unquoted, it would be the kit's own.
      const unquoted = result.stderr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
      assert.doesNotMatch(unquoted, /\b(undefined|null)\b/, `${what}: ${result.stderr}`);
      // The value echoed after "=" is cut to about 60 characters.
      const shown = /^convkit: [^=]*?= ("(?:[^"\\]|\\.)*"(?:… \([\d,]+ characters\))?)/.exec(result.stderr)?.[1];
      if (shown !== undefined) assert.ok(shown.length <= MAX_SHOWN_VALUE_LENGTH, `${what}: echoed ${shown.length} characters`);
    }),
    { numRuns: RUNS, seed: 20261203 },
  );
});

test('fuzz tallies for the closing note', (t) => {
  t.diagnostic(
    `command lines tried ${tally.tried}; exit 0 ${tally.ok}; clean rejections (exit 2, one line) ${tally.rejected}; internal errors ${tally.internal}`,
  );
  assert.equal(tally.internal, 0);
  assert.ok(tally.ok > 0 && tally.rejected > 0, 'both outcomes are reached, so both are checked');
});
