import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConvkitInputError } from '../../src/core/errors';
import { convertFlag, parseFlags, parseShape, type FlagName } from '../../src/cli/flags';

const COST_FLAGS: readonly FlagName[] = ['alpha', 'resolution', 'json', 'per-layer'];

/** Runs `fn`, expecting a ConvkitInputError; returns it for closer checks. */
function inputError(fn: () => unknown): ConvkitInputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConvkitInputError, `expected ConvkitInputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an input error, but nothing was thrown');
}

test('flags are converted to numbers, booleans and positionals', () => {
  const parsed = parseFlags(['mobilenet-v1', '--alpha', '0.5', '--resolution=160', '--json'], COST_FLAGS, 'convkit cost');
  assert.deepEqual(parsed.positionals, ['mobilenet-v1']);
  assert.deepEqual(parsed.values, { alpha: 0.5, resolution: 160, json: true });
});

test('an unknown flag is named in the error together with the options the command takes', () => {
  const error = inputError(() => parseFlags(['--alhpa', '1'], COST_FLAGS, 'convkit cost'));
  assert.equal(error.field, 'option');
  assert.equal(error.value, '--alhpa');
  assert.match(error.message, /unknown option for convkit cost; its options: --alpha --resolution/);
});

test('a real convkit flag that this command does not take is called not meaningful, not unknown', () => {
  const error = inputError(() => parseFlags(['--growth-rate', '12'], COST_FLAGS, 'convkit cost'));
  assert.equal(error.value, '--growth-rate');
  assert.match(error.message, /not meaningful for convkit cost/);
});

test('a flag without its value names the flag and shows an example', () => {
  const error = inputError(() => parseFlags(['mobilenet-v1', '--alpha'], COST_FLAGS, 'convkit cost'));
  assert.equal(error.field, '--alpha');
  assert.match(error.message, /^--alpha \(no value\): needs a value after it, e.g. --alpha A$/);
});

test('a value given to a switch is rejected with the switch named', () => {
  const error = inputError(() => parseFlags(['--json=yes'], COST_FLAGS, 'convkit cost'));
  assert.equal(error.field, '--json');
  assert.equal(error.value, 'yes');
});

test('a negative number after a flag reaches validation instead of being read as an option', () => {
  const error = inputError(() => parseFlags(['--alpha', '-1'], COST_FLAGS, 'convkit cost'));
  assert.equal(error.message, '--alpha = -1: must be a number greater than 0');
});

test('zero, NaN, words and fractions are rejected by the flag kinds that forbid them', () => {
  assert.match(inputError(() => convertFlag('alpha', '0')).message, /^--alpha = 0: must be a number greater than 0$/);
  assert.match(inputError(() => convertFlag('alpha', 'NaN')).message, /^--alpha = NaN:/);
  assert.match(inputError(() => convertFlag('alpha', 'wide')).message, /^--alpha = "wide":/);
  assert.match(inputError(() => convertFlag('resolution', '1.5')).message, /^--resolution = 1.5: must be a positive integer$/);
  assert.match(inputError(() => convertFlag('stride', '0')).message, /^--stride = 0:/);
  assert.match(inputError(() => convertFlag('compression', '1.5')).message, /^--compression = 1.5: must be in \(0, 1\]$/);
  assert.match(inputError(() => convertFlag('padding', 'full')).message, /^--padding = "full": must be one of same, valid$/);
  assert.match(inputError(() => convertFlag('variant', 'v2')).message, /^--variant = "v2": must be one of v1, v1.5$/);
});

test('an empty value is not silently read as zero', () => {
  assert.match(inputError(() => convertFlag('filters', '')).message, /^--filters = "":/);
});

test('every positive integer written in decimal is read back exactly', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
      assert.equal(convertFlag('filters', String(n)), n);
    }),
  );
});

test('no integer below one is accepted as a stride', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1_000_000, max: 0 }), (n) => {
      assert.throws(() => convertFlag('stride', String(n)), ConvkitInputError);
    }),
  );
});

test('a shape is three positive integers separated by commas', () => {
  assert.deepEqual(parseShape('--input', '56,56,128'), [56, 56, 128]);
  assert.deepEqual(parseShape('--input', '7, 7, 1024'), [7, 7, 1024]);
  for (const bad of ['56,56', '56,56,128,1', '56,0,128', '56,56,1.5', 'a,b,c', '']) {
    const error = inputError(() => parseShape('--input', bad));
    assert.equal(error.field, '--input');
    assert.match(error.message, /must be H,W,C/);
  }
});

test('-h is the one short form, for --help; other short options are unknown', () => {
  assert.deepEqual(parseFlags(['-h'], ['help', 'json'], 'convkit cost').values, { help: true });
  assert.equal(inputError(() => parseFlags(['-j'], ['help', 'json'], 'convkit cost')).value, '-j');
});

test('any flag given twice is refused, whatever the two values, instead of the last one winning', () => {
  fc.assert(
    fc.property(
      fc.constantFrom<FlagName>('alpha', 'resolution'),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      (flag, a, b, inline) => {
        const second = inline ? [`--${flag}=${b}`] : [`--${flag}`, String(b)];
        const error = inputError(() => parseFlags(['mobilenet-v1', `--${flag}`, String(a), ...second], COST_FLAGS, 'convkit cost'));
        assert.equal(error.field, 'option');
        assert.equal(error.value, `--${flag}`);
        assert.match(error.rule, new RegExp(`given 2 times \\(${a}, then ${b}\\)`));
      },
    ),
  );
});

test('Infinity and numbers that overflow to it are refused as not finite', () => {
  for (const raw of ['Infinity', '1e400', '-Infinity']) {
    const error = inputError(() => convertFlag('depth', raw));
    assert.equal(error.rule, 'must be a finite number', raw);
  }
});

test('alpha, resolution, classes and layers have documented upper bounds, and the bound itself is accepted', () => {
  const bounds: ReadonlyArray<[FlagName, number]> = [
    ['alpha', 4],
    ['resolution', 4096],
    ['classes', 100_000],
    ['layers', 1000],
  ];
  for (const [flag, max] of bounds) {
    assert.equal(convertFlag(flag, String(max)), max);
    const error = inputError(() => convertFlag(flag, String(max + 1)));
    assert.equal(error.field, `--${flag}`);
    assert.match(error.rule, /^must be at most [\d,]+: .{20,}/, 'the rule gives the reason');
  }
});
