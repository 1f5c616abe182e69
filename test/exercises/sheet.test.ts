import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml } from '../../src/core/escape-html';
import { exerciseSheet } from '../../src/exercises/sheet';
import { implementationQuestion, isChoiceExercise, lessonExercises, lessonImplementations, questionText } from '../../src/exercises';
import { buildSite } from '../../src/notebook/site/build-site';
import { renderSheetPage } from '../../src/notebook/site/sheet-page';
import { writeFixtureNotebooks } from '../notebook/site/fixtures';

const LESSONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09'];

/** The page's text content, roughly: tags dropped, entities of escapeHtml undone. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

test('each lesson’s sheet asks every exercise of the lesson, in full, as ask() words it', () => {
  for (const lesson of LESSONS) {
    const sheet = exerciseSheet(lesson);
    const exercises = lessonExercises(lesson);
    const implementations = lessonImplementations(lesson);
    assert.deepEqual(
      sheet.questions.map((q) => q.id),
      [...exercises.map((e) => e.id), ...implementations.map((e) => e.id)],
      lesson,
    );
    for (const exercise of exercises) {
      const q = sheet.questions.find((question) => question.id === exercise.id);
      if (isChoiceExercise(exercise)) {
        assert.equal(q?.kind, 'choice');
        // the prompt plus the options, listed one by one, is exactly what ask() prints
        assert.equal(`${q?.text} ${q?.choices?.map((c) => `(${c.key}) ${c.text}`).join('; ')}.`, questionText(exercise));
      } else {
        assert.deepEqual([q?.kind, q?.text], ['number', questionText(exercise)]);
      }
    }
    for (const exercise of implementations) {
      assert.equal(sheet.questions.find((q) => q.id === exercise.id)?.text, implementationQuestion(exercise));
    }
  }
});

test('a sheet page shows every question and option, and none of the answers, hints or explanations', () => {
  for (const lesson of LESSONS) {
    const sheet = exerciseSheet(lesson);
    const html = renderSheetPage({ siteTitle: 'notes', lessonTitle: `Lesson ${lesson}`, lessonHref: `${lesson}.html`, questions: sheet.questions });
    const text = textOf(html);
    for (const q of sheet.questions) {
      assert.ok(text.includes(q.text.replaceAll('`', '')), `${q.id}: question in full`);
      for (const choice of q.choices ?? []) assert.ok(text.includes(`(${choice.key}) ${choice.text}`), `${q.id} (${choice.key})`);
      assert.match(html, new RegExp(`data-exercise-id="${q.id.replace('.', '\\.')}"`));
    }
    for (const exercise of lessonExercises(lesson)) {
      const secrets = isChoiceExercise(exercise)
        ? exercise.choices.flatMap((choice) => (choice.whyNot === undefined ? [] : [choice.whyNot]))
        : [exercise.fallback, ...exercise.mistakes.map((mistake) => mistake.hint)];
      for (const secret of secrets) assert.ok(!text.includes(secret), `${exercise.id}: gives away "${secret.slice(0, 40)}…"`);
      if (isChoiceExercise(exercise)) {
        // the right option looks like every other one
        const items = [...html.matchAll(new RegExp(`data-exercise-id="${exercise.id.replace('.', '\\.')}"[\\s\\S]*?</section>`, 'g'))][0][0];
        const prefixes = [...items.matchAll(/<li>(<span class="tick-box"><\/span>) \(/g)].map((m) => m[1]);
        assert.equal(prefixes.length, exercise.choices.length, exercise.id);
      }
    }
    assert.doesNotMatch(text, /\bcorrect\b/i);
  }
});

test('the lecture notes write a sheet per lesson that has one, linked from the front page; bad sheet lists are refused', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'convkit-sheets-'));
  try {
    const notebooks = await writeFixtureNotebooks(join(folder, 'notebooks'));
    const frontPage = join(__dirname, '..', '..', 'notebooks', 'course.md');
    const outDir = join(folder, 'site');
    const sheets = [exerciseSheet('04').questions, undefined, []];
    const site = await buildSite({ notebooks, outDir, frontPage, sheets });
    assert.deepEqual(site.sheets, [join(outDir, '01-separable-exercises.html')]);
    const page = readFileSync(site.sheets[0], 'utf8');
    assert.match(page, /<h1>Exercises · Depthwise separable convolution<\/h1>/);
    assert.match(page, /<a href="01-separable\.html">/);
    assert.equal(existsSync(join(outDir, '02-feature-maps-exercises.html')), false);
    assert.equal(existsSync(join(outDir, '03-hostile-exercises.html')), false);
    const index = readFileSync(join(outDir, 'index.html'), 'utf8');
    assert.equal([...index.matchAll(/<a class="sheet-link" href="([^"]+)">sheet<\/a>/g)].map((m) => m[1]).join(), '01-separable-exercises.html');
    await assert.rejects(
      buildSite({ notebooks, outDir: join(folder, 'bad'), sheets: [undefined] }),
      /^ConvkitInputError: sheets = .*: must list one exercise sheet \(or undefined\) per notebook \(3\)$/,
    );
    assert.equal(existsSync(join(folder, 'bad')), false);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('question text is escaped, and `code` in it is set as code', () => {
  const html = renderSheetPage({
    siteTitle: 'notes',
    lessonTitle: 'L',
    lessonHref: 'l.html',
    questions: [{ id: '01.9', kind: 'build', text: 'Write `f(x: number[]): number[]` <b>now</b> & then' }],
  });
  assert.ok(html.includes(`Write <code>${escapeHtml('f(x: number[]): number[]')}</code> ${escapeHtml('<b>now</b> & then')}`));
});
