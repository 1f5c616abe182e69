/**
 * What holds for every registered implementation exercise, whatever its
 * block: the cases repeat, the stub and a throwing function never stop the
 * notebook, every declared bug is one the check can actually tell apart from
 * a correct function, and each lesson's own test file proves every bug it
 * declares (test/exercises/implementation/NN.test.ts names each one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allImplementations, checkImplementationExercise, lessonImplementations } from '../../../src/exercises/implementation';
import { agrees } from '../../../src/exercises/implementation/values';
import { question } from '../../../src/exercises';

const exercises = allImplementations();

test('ids are unique, NN.implK, numbered from 1 in each lesson, and ask() prints each question', () => {
  const ids = exercises.map((e) => e.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const lesson of ['01', '02', '03', '04', '05', '06', '07', '08']) {
    lessonImplementations(lesson).forEach((e, i) => assert.equal(e.id, `${lesson}.impl${i + 1}`));
  }
  for (const e of exercises) assert.match(question(e.id), new RegExp(`^Exercise ${e.id.replace('.', '\\.')}: .*checkImplementation`));
});

for (const exercise of exercises) {
  test(`${exercise.id}: seeded cases that repeat, a stub that is "not answered yet", a throw that is one line`, () => {
    const cases = exercise.cases();
    assert.ok(cases.length >= 3, `${exercise.id}: only ${cases.length} cases`);
    assert.deepEqual(JSON.stringify(exercise.cases()), JSON.stringify(cases));
    assert.equal(new Set(cases.map((c) => c.label)).size, cases.length, 'every case has its own label');
    assert.equal(checkImplementationExercise(exercise, () => undefined).status, 'not-answered');
    const threw = checkImplementationExercise(exercise, () => {
      throw new Error('not yet');
    });
    assert.equal(threw.status, 'invalid');
    assert.match(threw.message, /threw on case 1 of \d+ \(.+\): not yet/);
    assert.equal(checkImplementationExercise(exercise, () => 'a string').status, 'invalid');
  });

  test(`${exercise.id}: each bug that declares its output differs from the reference on some case, and names are distinct`, () => {
    const names = exercise.bugs.map((b) => b.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(exercise.bugs.length >= 2, `${exercise.id} declares ${exercise.bugs.length} bug(s)`);
    const cases = exercise.cases();
    for (const bug of exercise.bugs) {
      assert.ok(bug.produces || bug.detect, `${bug.name}: neither produces nor detect`);
      if (bug.produces) {
        assert.ok(
          cases.some((c) => !agrees(bug.produces!(c), exercise.expected(c), exercise.tolerance)),
          `${exercise.id}: '${bug.name}' produces the reference on every case, so no output could show it`,
        );
      }
    }
  });

  test(`${exercise.id}: the lesson's test file proves every declared bug by name`, () => {
    const file = join(__dirname, `${exercise.id.split('.')[0]}.test.ts`);
    assert.ok(existsSync(file), `${file} is missing`);
    const source = readFileSync(file, 'utf8');
    for (const bug of exercise.bugs)
      assert.ok(source.includes(`'${bug.name}'`) || source.includes(`"${bug.name}"`), `${exercise.id}: '${bug.name}' is not named in ${file}`);
  });
}
