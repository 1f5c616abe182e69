import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkNumeric, type NumericExercise } from '../../src/exercises/exercise';
import { checkChoice } from '../../src/exercises/choice';
import { flopsInsteadOfMacs, forgotBias, forgotKernelArea, usedInputSize } from '../../src/exercises/mistakes';
import { EXACT } from '../../src/exercises/precision';

// 56x56x128 -> 128 filters, K=3, stride 1, same: 56*56*3*3*128*128 MACs.
const macs = 56 * 56 * 3 * 3 * 128 * 128;
const exercise: NumericExercise = {
  id: 't.1',
  prompt: 'MACs of a 3x3 conv, 56x56x128 -> 128',
  answer: macs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  mistakes: [flopsInsteadOfMacs(macs), forgotKernelArea(macs, 9)],
  fallback: 'build it from one output value: K·K·C multiply-adds.',
};

test('an unanswered exercise says "not answered yet" instead of failing', () => {
  assert.equal(checkNumeric(exercise, undefined).status, 'not-answered');
  assert.match(checkNumeric(exercise, null).message, /not answered yet/);
});

test('the right answer is accepted', () => {
  assert.equal(checkNumeric(exercise, macs).status, 'correct');
});

test('each typical mistake gets its own hint', () => {
  const flops = checkNumeric(exercise, 2 * macs);
  assert.equal(flops.status, 'mistake');
  assert.match(flops.message, /FLOPs/);
  const noK = checkNumeric(exercise, macs / 9);
  assert.equal(noK.status, 'mistake');
  assert.match(noK.message, /K·K/);
});

test('a mistake that coincides with the right answer never rejects it', () => {
  // With K = 1 "forgot K²" gives the right value; the answer must still count as correct.
  const oneByOne: NumericExercise = { ...exercise, mistakes: [forgotKernelArea(macs, 1)] };
  assert.equal(checkNumeric(oneByOne, macs).status, 'correct');
});

test('any other number is incorrect and non-numbers are invalid', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (n) => {
      fc.pre(n !== macs && n !== 2 * macs && n !== macs / 9);
      return checkNumeric(exercise, n).status === 'incorrect';
    }),
  );
  assert.equal(checkNumeric(exercise, '462422016').status, 'invalid');
  assert.equal(checkNumeric(exercise, Number.NaN).status, 'invalid');
});

test('mistake helpers compute the wrong answers they describe', () => {
  assert.equal(forgotBias(3 * 3 * 3 * 16 + 16, 16).wrongAnswer, 3 * 3 * 3 * 16);
  // stride 2: output 28x28, input 56x56 -> 4x the MACs.
  assert.equal(usedInputSize(1000, 28 * 28, 56 * 56).wrongAnswer, 4000);
});

test('multiple choice explains why a wrong pick is wrong', () => {
  const choice = {
    id: 't.2',
    prompt: 'Which layer mixes channels?',
    answer: 'b',
    choices: [
      { key: 'a', text: 'depthwise 3x3', whyNot: 'a depthwise filter sees one channel only.' },
      { key: 'b', text: 'pointwise 1x1' },
    ],
  };
  assert.equal(checkChoice(choice, 'B ').status, 'correct');
  assert.match(checkChoice(choice, 'a').message, /one channel only/);
  assert.equal(checkChoice(choice, 'z').status, 'invalid');
  assert.equal(checkChoice(choice, undefined).status, 'not-answered');
});

test('every registered exercise has a unique id of the form LL.N', async () => {
  const { allExercises } = await import('../../src/exercises/index');
  const ids = allExercises().map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^\d\d\.\d+$/);
});

test('an unknown exercise id is an input error for code that looks it up', async () => {
  const { getExercise } = await import('../../src/exercises/index');
  assert.throws(() => getExercise('99.9'), /exercise id = "99.9"/);
});

test('a mistyped exercise id in a notebook prints one line naming the known ids, and no stack trace', async (t) => {
  const { ask, check, verdict, allExercises } = await import('../../src/exercises/index');
  const printed: string[] = [];
  t.mock.method(console, 'log', (...args: unknown[]) => printed.push(args.join(' ')));
  t.mock.method(console, 'error', (...args: unknown[]) => printed.push(args.join(' ')));
  assert.doesNotThrow(() => check('9.1', 42));
  assert.doesNotThrow(() => ask('9.1'));
  assert.doesNotThrow(() => check('10.1', 'a'));
  assert.equal(printed.length, 3);
  for (const line of printed) {
    assert.doesNotMatch(line, /\n/, 'one line');
    assert.doesNotMatch(line, /at .*\.ts:\d+|Error:/, 'no stack trace');
    // Every lesson's ids are named (as a range from its first to its last id).
    const lessons = new Set(allExercises().map((e) => e.id.split('.')[0]));
    for (const lesson of lessons) {
      const ids = allExercises()
        .filter((e) => e.id.startsWith(`${lesson}.`))
        .map((e) => e.id);
      assert.ok(line.includes(`${ids[0]}–${ids[ids.length - 1]}`), `${line} names ${lesson}'s ids`);
    }
  }
  assert.match(printed[0], /Did you mean "09\.1"\?/);
  assert.doesNotMatch(printed[2], /Did you mean/);
  assert.equal(verdict('9.1', 42).status, 'invalid');
});
