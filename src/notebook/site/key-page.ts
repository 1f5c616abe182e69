/**
 * A lesson's answer key as a page of the lecture notes, for teachers: each
 * exercise's question, its answer and which answers count, and a table of
 * the typical mistakes the check recognises — the wrong answer each leads to
 * and the hint the learner then sees. The entries come from the exercises
 * (src/exercises/answer-key.ts); the entry passes them in, so this layer
 * does not depend on the exercises' code.
 */
import { escapeHtml } from '../../core/escape-html';
import { renderPage } from './page';

/** One exercise of a key (the shape src/exercises/answer-key.ts produces). */
export interface KeyPageEntry {
  readonly id: string;
  readonly kind: 'number' | 'choice' | 'build';
  readonly question: string;
  readonly answer: string;
  readonly accepted: string;
  readonly mistakes: readonly { readonly name: string; readonly wrongAnswer?: string; readonly hint: string }[];
}

export interface KeyPage {
  readonly siteTitle: string;
  readonly lessonTitle: string;
  readonly lessonHref: string;
  /** The lesson's exercise sheet, if there is one. */
  readonly sheetHref?: string;
  readonly entries: readonly KeyPageEntry[];
  readonly contentSecurityPolicy?: boolean;
}

const inline = (text: string): string =>
  text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');

function entry(e: KeyPageEntry): string {
  const heading = { number: 'The mistakes the check names', choice: 'The wrong options', build: 'The bugs the check names' }[e.kind];
  const withAnswers = e.mistakes.some((m) => m.wrongAnswer !== undefined);
  const rows = e.mistakes.map(
    (m) => `<tr><td>${inline(m.name)}</td>${withAnswers ? `<td class="num">${escapeHtml(m.wrongAnswer ?? '')}</td>` : ''}<td>${inline(m.hint)}</td></tr>`,
  );
  const table =
    rows.length === 0
      ? ''
      : `<h3>${heading}</h3>\n<table class="key-mistakes"><thead><tr><th>${e.kind === 'choice' ? 'Option' : 'Mistake'}</th>${withAnswers ? '<th>Leads to</th>' : ''}<th>What the check then says</th></tr></thead>\n<tbody>${rows.join('\n')}</tbody></table>`;
  return `<section class="key-entry" data-exercise-id="${escapeHtml(e.id)}">
<h2>Exercise ${escapeHtml(e.id)}</h2>
<p class="key-question">${inline(e.question)}</p>
<p class="key-answer"><strong>Answer:</strong> ${inline(e.answer)}. <span class="toc-file">Counts as right: ${inline(e.accepted)}.</span></p>
${table}
</section>`;
}

/** The key's HTML page. */
export function renderKeyPage(key: KeyPage): string {
  const title = `Answer key · ${key.lessonTitle}`;
  const links = [`the lesson: <a href="${escapeHtml(key.lessonHref)}">${escapeHtml(key.lessonTitle)}</a>`];
  if (key.sheetHref !== undefined) links.push(`the sheet without answers: <a href="${escapeHtml(key.sheetHref)}">exercises</a>`);
  const intro = `<p class="sheet-intro">For teachers: each answer as the notebook's check accepts it, and each typical mistake
the check recognises, with the answer it leads to. Made from the same definitions the check reads. See also ${links.join('; ')}.</p>`;
  return renderPage({
    siteTitle: key.siteTitle,
    pageTitle: title,
    charts: false,
    contentSecurityPolicy: key.contentSecurityPolicy,
    body: [`<h1>${escapeHtml(title)}</h1>`, intro, ...key.entries.map(entry)].join('\n'),
  });
}
