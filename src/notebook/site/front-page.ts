/**
 * The course's front page (index.html when the site is built with a front
 * page text): what the course is, for whom and what it assumes, in the
 * course's own Markdown (notebooks/course.md), with a table of the lessons
 * in teaching order that is counted from the executed notebooks themselves,
 * so it cannot fall behind them:
 *
 *   - exercises: the numbered ones (`check('04.2', …)`) and the
 *     build-it-yourself ones (`checkImplementation('04.impl1', …)`), counted
 *     by the distinct ids the notebook's code cells check;
 *   - reading: the words of its Markdown cells (tokens with a letter or a
 *     digit, so a heading's # or a list's - is not one), and the minutes they take at
 *     READING_WORDS_PER_MINUTE (a stated rate, not a measurement of anyone);
 *   - running: the seconds the whole notebook took in the tslab kernel, when
 *     the builder was given them (`npm start` measures them as it runs the
 *     lessons; a site built from saved notebooks has no such column).
 *
 * The Markdown marks where the table goes with a line of its own,
 * LESSONS_MARKER; a text without it is refused, so the table is never
 * silently dropped.
 */
import { ConvkitInputError } from '../../core/errors';
import { escapeHtml } from '../../core/escape-html';
import { joinText, type Notebook } from '../nbformat';
import { renderMarkdown } from './markdown';
import { renderPage, type IndexEntry } from './page';

/** The line in the front page's Markdown that the lesson table replaces. */
export const LESSONS_MARKER = '<!-- lessons -->';

/**
 * Words a minute for reading a lesson's prose. Technical text with formulas
 * is read more slowly than the ~200–250 of plain prose; 150 is the rate the
 * page states next to every figure, so a reader can rescale it.
 */
export const READING_WORDS_PER_MINUTE = 150;

export interface LessonFacts {
  /** Distinct numbered exercise ids checked in the code cells ('04.1', …). */
  readonly exercises: readonly string[];
  /** Distinct implementation exercise ids ('04.impl1', …). */
  readonly implementations: readonly string[];
  /** Words in the Markdown cells: whitespace-separated tokens with a letter or digit (formulas count as written). */
  readonly words: number;
  readonly codeCells: number;
}

const CHECKED_ID = /\b(check|checkImplementation)\(\s*["'](\d\d\.(?:impl)?\d+)["']/g;

/** What a lesson holds, counted from its cells. */
export function lessonFacts(notebook: Notebook): LessonFacts {
  const exercises = new Set<string>();
  const implementations = new Set<string>();
  let words = 0;
  let codeCells = 0;
  for (const cell of notebook.cells) {
    const source = joinText(cell.source);
    if (cell.cell_type === 'markdown') {
      words += source.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    } else if (cell.cell_type === 'code') {
      codeCells++;
      for (const match of source.matchAll(CHECKED_ID)) (match[1] === 'check' ? exercises : implementations).add(match[2]);
    }
  }
  return { exercises: [...exercises], implementations: [...implementations], words, codeCells };
}

export interface FrontPageEntry extends IndexEntry {
  readonly facts: LessonFacts;
  /** The lesson's exercise sheet and answer key, if it has them. */
  readonly sheetHref?: string;
  readonly keyHref?: string;
  /** Seconds the notebook took to run top to bottom in the kernel, if measured. */
  readonly runSeconds?: number;
}

export interface FrontPage {
  readonly siteTitle: string;
  /** The course's Markdown, with LESSONS_MARKER on a line of its own. */
  readonly text: string;
  /** Where the text came from, for error messages. */
  readonly textPath: string;
  readonly entries: readonly FrontPageEntry[];
  readonly contentSecurityPolicy?: boolean;
}

const minutes = (words: number): number => Math.max(1, Math.round(words / READING_WORDS_PER_MINUTE));

function exerciseCell(facts: LessonFacts): string {
  const parts: string[] = [];
  if (facts.exercises.length > 0) parts.push(`${facts.exercises.length} to answer`);
  if (facts.implementations.length > 0) parts.push(`${facts.implementations.length} to build`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

function lessonTable(entries: readonly FrontPageEntry[]): string {
  const measured = entries.some((entry) => entry.runSeconds !== undefined);
  const head = ['Lesson', 'Exercises', `Reading (at ${READING_WORDS_PER_MINUTE} words a minute)`, ...(measured ? ['Runs in the kernel'] : [])];
  const rows = entries.map((entry) => {
    const cells = [
      `<a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a>`,
      escapeHtml(exerciseCell(entry.facts)) +
        (entry.sheetHref === undefined ? '' : ` <a class="sheet-link" href="${escapeHtml(entry.sheetHref)}">sheet</a>`) +
        (entry.keyHref === undefined ? '' : ` <a class="key-link" href="${escapeHtml(entry.keyHref)}">key</a>`),
      `about ${minutes(entry.facts.words)} min <span class="toc-file">(${entry.facts.words.toLocaleString('en-US')} words)</span>`,
      ...(measured ? [entry.runSeconds === undefined ? '—' : `${entry.runSeconds.toFixed(1)} s`] : []),
    ];
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
  });
  const totals = entries.reduce(
    (sum, entry) => ({
      exercises: sum.exercises + entry.facts.exercises.length,
      implementations: sum.implementations + entry.facts.implementations.length,
      words: sum.words + entry.facts.words,
      seconds: sum.seconds + (entry.runSeconds ?? 0),
    }),
    { exercises: 0, implementations: 0, words: 0, seconds: 0 },
  );
  const total = [
    'All lessons',
    `${totals.exercises} to answer, ${totals.implementations} to build`,
    `about ${minutes(totals.words)} min <span class="toc-file">(${totals.words.toLocaleString('en-US')} words)</span>`,
    ...(measured ? [`${totals.seconds.toFixed(0)} s`] : []),
  ];
  return [
    '<table class="lesson-table">',
    `<thead><tr>${head.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    `<tfoot><tr>${total.map((cell) => `<td>${cell}</td>`).join('')}</tr></tfoot>`,
    '</table>',
  ].join('\n');
}

function contents(entries: readonly FrontPageEntry[]): string {
  const items = entries.map((entry) => {
    const sections = (entry.sections ?? []).map((section) => `<li><a href="${escapeHtml(section.href)}">${escapeHtml(section.title)}</a></li>`).join('');
    return `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a> <span class="toc-file">${escapeHtml(entry.notebook)}</span>${sections ? `<ul class="toc-sections">${sections}</ul>` : ''}</li>`;
  });
  return `<h2 id="contents">Contents</h2>\n<ol class="toc">\n${items.join('\n')}\n</ol>`;
}

/** The text's lines and the index of the marker line; refuses a text without one. */
export function splitAtLessons(text: string, textPath: string): { lines: string[]; at: number } {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => line.trim() === LESSONS_MARKER);
  if (at < 0) throw new ConvkitInputError('frontPage', textPath, `must contain the line ${LESSONS_MARKER} where the table of lessons goes`);
  return { lines, at };
}

/** index.html as the course's front page: the text, the lesson table where the marker is, then the contents. */
export function renderFrontPage(page: FrontPage): string {
  const { lines, at } = splitAtLessons(page.text, page.textPath);
  const usedIds = new Set<string>(['contents']);
  const before = renderMarkdown(lines.slice(0, at).join('\n'), { usedIds });
  const after = renderMarkdown(lines.slice(at + 1).join('\n'), { usedIds });
  return renderPage({
    siteTitle: page.siteTitle,
    pageTitle: before.title ?? page.siteTitle,
    charts: false,
    contentSecurityPolicy: page.contentSecurityPolicy,
    body: [`<section class="front-page">`, before.html, lessonTable(page.entries), after.html, `</section>`, contents(page.entries)].join('\n'),
  });
}
