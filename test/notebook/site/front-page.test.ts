import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSite } from '../../../src/notebook/site/build-site';
import { lessonFacts, LESSONS_MARKER, READING_WORDS_PER_MINUTE } from '../../../src/notebook/site/front-page';
import { readNotebook } from '../../../src/notebook/nbformat';
import { lessonExercises, lessonImplementations } from '../../../src/exercises';
import { writeFixtureNotebooks } from './fixtures';

const REPO = join(__dirname, '..', '..', '..');
const LESSONS = readdirSync(join(REPO, 'notebooks'))
  .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
  .sort();

let folder: string;
let notebooks: string[];
before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'convkit-front-page-'));
  notebooks = await writeFixtureNotebooks(join(folder, 'notebooks'));
});
after(() => rmSync(folder, { recursive: true, force: true }));

const text = (...lines: string[]) => {
  const path = join(folder, `front-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(path, lines.join('\n'));
  return path;
};

test('the counted exercises of every lesson are exactly the ones its check registry holds', () => {
  for (const name of LESSONS) {
    const lesson = name.slice(0, 2);
    const facts = lessonFacts(readNotebook(join(REPO, 'notebooks', name)));
    const registered = lesson === '00' ? [] : lessonExercises(lesson).map((exercise) => exercise.id);
    assert.deepEqual([...facts.exercises].sort(), [...registered].sort(), `${name}: numbered exercises`);
    const implementations = lessonImplementations(lesson).map((exercise) => exercise.id);
    assert.deepEqual([...facts.implementations].sort(), [...implementations].sort(), `${name}: implementation exercises`);
    assert.ok(facts.words > 300, `${name}: ${facts.words} words of prose`);
  }
});

test('words are counted from the Markdown cells only, and an id checked twice counts once', () => {
  const facts = lessonFacts({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: 'markdown', id: 'a', metadata: {}, source: ['# Title\n', 'two  words\n'] },
      {
        cell_type: 'code',
        id: 'b',
        metadata: {},
        source: 'check("01.1", 3); check( "01.1", 4); checkImplementation(\'01.impl1\', f) // many words here',
        outputs: [],
        execution_count: 1,
      },
      { cell_type: 'raw', id: 'c', metadata: {}, source: 'check("01.2", 1) raw words' },
    ],
  } as never);
  assert.deepEqual(facts, { exercises: ['01.1'], implementations: ['01.impl1'], words: 3, codeCells: 1 });
});

test('with a front page text, index.html is the text with the lesson table at the marker, then the contents', async () => {
  const outDir = join(folder, 'site-front');
  const frontPage = text('# A course on blocks', '', 'Before the table.', '', LESSONS_MARKER, '', '## Licence', '', 'After the table.');
  await buildSite({ notebooks, outDir, frontPage, runSeconds: [1.25, 0, 12] });
  const index = readFileSync(join(outDir, 'index.html'), 'utf8');
  const order = ['<h1', 'Before the table.', '<table class="lesson-table">', 'After the table.', '<ol class="toc">'].map((part) => index.indexOf(part));
  assert.ok(
    order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])),
    `parts in order: ${order}`,
  );
  assert.match(index, /<title>A course on blocks · convkit lecture notes<\/title>/);
  const rows = [
    ...index.matchAll(
      /<tr><td><a href="([^"]+)">[^<]*<\/a><\/td><td>([^<]*)<\/td><td>about (\d+) min <span class="toc-file">\(([\d,]+) words\)<\/span><\/td><td>([^<]*)<\/td><\/tr>/g,
    ),
  ];
  assert.deepEqual(
    rows.map((row) => [row[1], row[5]]),
    [
      ['01-separable.html', '1.3 s'],
      ['02-feature-maps.html', '0.0 s'],
      ['03-hostile.html', '12.0 s'],
    ],
  );
  for (const [row, path] of rows.map((row, i) => [row, notebooks[i]] as const)) {
    const words = lessonFacts(readNotebook(path)).words;
    assert.equal(row[4], words.toLocaleString('en-US'), basename(path));
    assert.equal(Number(row[3]), Math.max(1, Math.round(words / READING_WORDS_PER_MINUTE)), basename(path));
  }
  assert.match(index, /<tfoot><tr><td>All lessons<\/td>.*<td>13 s<\/td><\/tr><\/tfoot>/);
  assert.match(index, /<th>Runs in the kernel<\/th>/);
});

test('without run times the table has no run-time column; without a front page text the index is the contents alone', async () => {
  const withText = join(folder, 'site-no-times');
  await buildSite({ notebooks, outDir: withText, frontPage: text('# Course', LESSONS_MARKER) });
  const index = readFileSync(join(withText, 'index.html'), 'utf8');
  assert.match(index, /<table class="lesson-table">/);
  assert.doesNotMatch(index, /Runs in the kernel/);
  const plain = join(folder, 'site-plain');
  await buildSite({ notebooks, outDir: plain });
  assert.doesNotMatch(readFileSync(join(plain, 'index.html'), 'utf8'), /lesson-table/);
});

test('a front page without the marker, a missing one, or run times that do not match the notebooks are refused before anything is written', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ frontPage: text('# No marker here') }, /^frontPage = .*: must contain the line <!-- lessons --> where the table of lessons goes$/],
    [{ frontPage: join(folder, 'nowhere.md') }, /^frontPage = .*nowhere\.md.*: must be the path of an existing Markdown file$/],
    [{ runSeconds: [1, 2] }, /^runSeconds = .*: must list one time per notebook \(3\)$/],
    [{ runSeconds: [1, -2, 3] }, /^runSeconds\[1\] = -2: must be a number of seconds, 0 or more$/],
  ];
  for (const [extra, message] of cases) {
    const outDir = join(folder, `site-refused-${Math.random().toString(36).slice(2)}`);
    await assert.rejects(buildSite({ notebooks, outDir, ...extra }), (error: Error) => {
      assert.equal(error.name, 'ConvkitInputError');
      assert.match(error.message, message);
      return true;
    });
    assert.equal(existsSync(outDir), false, `${JSON.stringify(extra)}: nothing written`);
  }
});

test('the course’s own front page builds, and states the licences the repository carries', async () => {
  const course = join(REPO, 'notebooks', 'course.md');
  const source = readFileSync(course, 'utf8');
  assert.ok(source.split('\n').some((line) => line.trim() === LESSONS_MARKER));
  for (const phrase of ['Who it is for', 'What it assumes', 'How to run the lessons', 'CC BY 4.0', 'MIT licence']) assert.ok(source.includes(phrase), phrase);
  assert.match(readFileSync(join(REPO, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.match(readFileSync(join(REPO, 'LICENSES', 'CC-BY-4.0.txt'), 'utf8'), /^Attribution 4\.0 International[\s\S]*Section 8 -- Interpretation\./);
  const outDir = join(folder, 'site-course');
  await buildSite({ notebooks, outDir, frontPage: course });
  assert.match(readFileSync(join(outDir, 'index.html'), 'utf8'), /<table class="lesson-table">/);
});
