import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerKey } from '../../src/exercises/answer-key';
import { exerciseSheet } from '../../src/exercises/sheet';
import { lessonImplementations, verdict } from '../../src/exercises';
import { buildSite } from '../../src/notebook/site/build-site';
import { renderKeyPage } from '../../src/notebook/site/key-page';
import { writeFixtureNotebooks } from '../notebook/site/fixtures';

const LESSONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09'];
const typed = (text: string): number => Number(text.replaceAll(',', ''));

test('every answer in the keys is what the check accepts, and every listed mistake gets the hint the key says', () => {
  let answers = 0;
  let mistakes = 0;
  for (const lesson of LESSONS) {
    const key = answerKey(lesson);
    assert.deepEqual(
      key.entries.map((entry) => entry.id),
      exerciseSheet(lesson).questions.map((question) => question.id),
      `${lesson}: the key follows the sheet`,
    );
    for (const entry of key.entries) {
      if (entry.kind === 'build') continue;
      const given = entry.kind === 'number' ? typed(entry.answer) : entry.answer;
      assert.equal(verdict(entry.id, given).status, 'correct', `${entry.id}: the key's answer ${entry.answer}`);
      answers++;
      for (const mistake of entry.mistakes) {
        assert.ok(mistake.wrongAnswer !== undefined, `${entry.id} ${mistake.name}: has its wrong answer`);
        const wrong = entry.kind === 'number' ? typed(mistake.wrongAnswer) : mistake.wrongAnswer;
        const said = verdict(entry.id, wrong);
        assert.notEqual(said.status, 'correct', `${entry.id} ${mistake.name}: ${mistake.wrongAnswer} is not accepted`);
        assert.ok(said.message.includes(mistake.hint), `${entry.id} ${mistake.name}: the check says "${said.message}"`);
        mistakes++;
      }
    }
  }
  assert.ok(answers >= 50 && mistakes >= 100, `${answers} answers, ${mistakes} mistakes checked`);
});

test('a number to a few significant digits states the range that counts, and both ends of it are accepted', () => {
  const entries = LESSONS.flatMap((lesson) => answerKey(lesson).entries).filter((entry) => entry.accepted.includes('significant digits'));
  assert.ok(entries.length > 5);
  for (const entry of entries) {
    const [low, high] = [...entry.accepted.matchAll(/from ([\d,.]+) to ([\d,.]+)$/g)].map((m) => [typed(m[1]), typed(m[2])])[0];
    for (const end of [low, high]) assert.equal(verdict(entry.id, end).status, 'correct', `${entry.id}: ${end} (${entry.accepted})`);
    const outside = high + (high - low);
    assert.notEqual(verdict(entry.id, outside).status, 'correct', `${entry.id}: ${outside} is outside`);
  }
});

test('the build-it-yourself entries list the bugs their check names', () => {
  for (const lesson of LESSONS) {
    for (const exercise of lessonImplementations(lesson)) {
      const entry = answerKey(lesson).entries.find((e) => e.id === exercise.id);
      assert.deepEqual(
        entry?.mistakes.map((m) => [m.name, m.hint]),
        exercise.bugs.map((bug) => [bug.name, bug.hint]),
      );
      assert.ok(existsSync(join(__dirname, '..', '..', 'notebooks', 'solutions', `${lesson}-solutions.ipynb`)), entry?.answer);
    }
  }
});

test('the key page shows every answer and every wrong answer, and the notes link it from the front page', async () => {
  for (const lesson of LESSONS) {
    const key = answerKey(lesson);
    const html = renderKeyPage({ siteTitle: 'notes', lessonTitle: lesson, lessonHref: `${lesson}.html`, entries: key.entries });
    for (const entry of key.entries) {
      const section = html.slice(html.indexOf(`data-exercise-id="${entry.id}"`));
      assert.ok(section.includes('<strong>Answer:</strong>'), entry.id);
      for (const mistake of entry.mistakes)
        if (mistake.wrongAnswer !== undefined) assert.ok(section.includes(`<td class="num">${mistake.wrongAnswer}</td>`), `${entry.id} ${mistake.name}`);
    }
  }
  const folder = mkdtempSync(join(tmpdir(), 'convkit-keys-'));
  try {
    const notebooks = await writeFixtureNotebooks(join(folder, 'notebooks'));
    const outDir = join(folder, 'site');
    const frontPage = join(__dirname, '..', '..', 'notebooks', 'course.md');
    const site = await buildSite({
      notebooks,
      outDir,
      frontPage,
      keys: [undefined, answerKey('02').entries, undefined],
      sheets: [undefined, exerciseSheet('02').questions, undefined],
    });
    assert.deepEqual(site.keys, [join(outDir, '02-feature-maps-key.html')]);
    const page = readFileSync(site.keys[0], 'utf8');
    assert.match(page, /<a href="02-feature-maps-exercises\.html">exercises<\/a>/);
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    assert.equal([...index.matchAll(/<a class="key-link" href="([^"]+)">key<\/a>/g)].map((m) => m[1]).join(), '02-feature-maps-key.html');
    await assert.rejects(
      buildSite({ notebooks, outDir: join(folder, 'bad'), keys: [] }),
      /^ConvkitInputError: keys = .*: must list one answer key \(or undefined\) per notebook \(3\)$/,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
