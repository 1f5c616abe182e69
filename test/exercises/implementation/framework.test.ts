import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkImplementationExercise,
  implementationQuestion,
  type ImplementationCase,
  type ImplementationExercise,
} from '../../../src/exercises/implementation/exercise';
import { implementationVerdict } from '../../../src/exercises/implementation';
import { readArray1, readArray3, readNested, nest, toArray3, type Values } from '../../../src/exercises/implementation/values';
import { guardedCall } from '../../../src/exercises/implementation/guarded-call';
import { fromArray } from '../../../src/core/tensor';

// A toy exercise — running sums of a list — exercises every branch of the checker.
interface SumCase extends ImplementationCase {
  readonly values: readonly number[];
}
const runningSums = (values: readonly number[]): number[] => values.map((_, i) => values.slice(0, i + 1).reduce((a, b) => a + b, 0));
const asValues = (data: number[]): Values => ({ shape: [data.length], data });

const toy: ImplementationExercise<SumCase> = {
  id: '99.impl1',
  prompt: 'Write the running sums of a list.',
  signature: 'runningSums(values: number[]): number[]',
  cases: () => [
    { label: 'three values', values: [1, 2, 3] },
    { label: 'five values', values: [0.5, -1, 4, 2, 7] },
  ],
  call: (fn, c) => fn([...c.values]),
  expected: (c) => asValues(runningSums(c.values)),
  read: readArray1,
  tolerance: 1e-9,
  bugs: [
    { name: 'exclusive sums', hint: 'each sum must include its own value.', produces: (c) => asValues(runningSums(c.values).map((s, i) => s - c.values[i])) },
    {
      name: 'reads later values',
      hint: 'a sum may only read values up to its own position.',
      detect: ({ case: c, output, call }) => {
        const changed = call({ ...c, values: [...c.values.slice(0, -1), c.values[c.values.length - 1] + 100] });
        return changed !== undefined && changed.data[0] !== output.data[0];
      },
    },
  ],
  fallback: 'Compute the first two sums by hand and compare.',
};

test('a correct function passes every case; the stub and a missing function are "not answered yet"', () => {
  assert.equal(checkImplementationExercise(toy, runningSums).status, 'correct');
  assert.match(checkImplementationExercise(toy, runningSums).message, /all 2 cases/);
  assert.equal(checkImplementationExercise(toy, undefined).status, 'not-answered');
  assert.equal(checkImplementationExercise(toy, () => undefined).status, 'not-answered');
});

test('a declared bug is named from what the function produces, or from a test on the function', () => {
  const exclusive = checkImplementationExercise(toy, (v: number[]) => runningSums(v).map((s, i) => s - v[i]));
  assert.equal(exclusive.status, 'mistake');
  assert.ok(exclusive.status === 'mistake' && exclusive.mistake === 'exclusive sums');
  assert.match(exclusive.message, /case 1 of 2 \(three values\)/);
  const total = checkImplementationExercise(toy, (v: number[]) => v.map(() => v.reduce((a, b) => a + b, 0)));
  assert.ok(total.status === 'mistake' && total.mistake === 'reads later values', total.message);
});

test('an unexplained output names the first differing position, or the shapes', () => {
  const off = checkImplementationExercise(toy, (v: number[]) => runningSums(v).map((s, i) => (i === 2 ? s + 1 : s)));
  assert.equal(off.status, 'incorrect');
  assert.match(off.message, /at \[2\] you have 7, the reference 6\. Compute/);
  const short = checkImplementationExercise(toy, (v: number[]) => runningSums(v).slice(1));
  assert.match(short.message, /your output is 2, the reference's 3/);
});

test('throwing, returning the wrong kind, or looping forever is one line, and the notebook goes on', () => {
  const threw = checkImplementationExercise(toy, () => {
    throw new RangeError('index out of range');
  });
  assert.equal(threw.status, 'invalid');
  assert.match(threw.message, /threw on case 1 of 2 \(three values\): index out of range/);
  assert.match(checkImplementationExercise(toy, () => 'abc').message, /expected an array of numbers .*got a string/);
  assert.match(checkImplementationExercise(toy, () => [1, 'x', 3]).message, /entry at \[1\] is a string/);
  assert.match(checkImplementationExercise(toy, 42).message, /expected a function/);
  const started = Date.now();
  const endless = checkImplementationExercise(toy, () => {
    for (;;) {}
  });
  assert.equal(endless.status, 'invalid');
  assert.match(endless.message, /stopped after 2000 ms/);
  assert.ok(Date.now() - started < 10_000);
});

test('nested arrays are read with their shape, ragged or non-numeric ones are refused in words', () => {
  const t = fromArray(
    [2, 2, 3],
    Array.from({ length: 12 }, (_, i) => i),
  );
  const nested = toArray3(t);
  assert.equal(nested[1][0][2], 8);
  assert.deepEqual(readArray3(nested), { shape: [2, 2, 3], data: Array.from({ length: 12 }, (_, i) => i) });
  assert.deepEqual(nest([1, 2, 3, 4, 5, 6], [2, 3]), [
    [1, 2, 3],
    [4, 5, 6],
  ]);
  assert.match(readNested([[1, 2], [3]], 2, 'a matrix') as string, /same length/);
  assert.match(readNested([[1, Number.NaN]], 2, 'a matrix') as string, /\[0\]\[1\] is NaN/);
  assert.equal(guardedCall(() => 3).status, 'returned');
});

test('the question names the signature, the number of cases and the tolerance; unknown ids are one line', () => {
  assert.match(implementationQuestion(toy), /runningSums\(values: number\[\]\): number\[\]/);
  assert.match(implementationQuestion(toy), /on 2 cases/);
  assert.match(implementationVerdict('98.impl9', () => 1).message, /no such implementation exercise/);
});
