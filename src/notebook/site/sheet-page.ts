/**
 * A lesson's exercise sheet as a page of the lecture notes, made to be
 * printed and handed out: a line for the name, every question in full with
 * room under it to work, the options of a choice question as boxes to tick,
 * and no answers. The questions come from the exercises
 * (src/exercises/sheet.ts: the texts `ask()` prints); the entry passes
 * them in, so this layer does not depend on the exercises' code.
 */
import { escapeHtml } from '../../core/escape-html';
import { renderPage } from './page';

/** One question of a sheet (the shape src/exercises/sheet.ts produces). */
export interface SheetPageQuestion {
  readonly id: string;
  readonly kind: 'number' | 'choice' | 'build';
  readonly text: string;
  readonly choices?: readonly { readonly key: string; readonly text: string }[];
}

export interface SheetPage {
  readonly siteTitle: string;
  /** The lesson's title, e.g. "04 · Depthwise separable convolution and MobileNet v1". */
  readonly lessonTitle: string;
  /** The lesson's page, linked from the sheet. */
  readonly lessonHref: string;
  readonly questions: readonly SheetPageQuestion[];
  readonly contentSecurityPolicy?: boolean;
}

/** Plain text with `code` spans, as the questions write function signatures. */
function inline(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

const ROOM: Record<SheetPageQuestion['kind'], string> = {
  number: 'answer-room',
  choice: 'answer-room answer-room-short',
  build: 'answer-room answer-room-tall',
};

function question(q: SheetPageQuestion): string {
  const choices =
    q.choices === undefined
      ? ''
      : `\n<ul class="sheet-choices">${q.choices.map((choice) => `<li><span class="tick-box"></span> (${escapeHtml(choice.key)}) ${inline(choice.text)}</li>`).join('')}</ul>`;
  return `<section class="sheet-question" data-exercise-id="${escapeHtml(q.id)}">
<h2>Exercise ${escapeHtml(q.id)}${q.kind === 'build' ? ' <span class="toc-file">(to build)</span>' : ''}</h2>
<p>${inline(q.text)}</p>${choices}
<div class="${ROOM[q.kind]}"></div>
</section>`;
}

/** The sheet's HTML page. */
export function renderSheetPage(sheet: SheetPage): string {
  const title = `Exercises · ${sheet.lessonTitle}`;
  const intro = `<p class="sheet-intro">Answer in the space under each question. The check in the notebook
takes the same questions: <code>check("ID", yourAnswer)</code> for a number or a choice,
<code>checkImplementation("ID", yourFunction)</code> for a function. The lesson:
<a href="${escapeHtml(sheet.lessonHref)}">${escapeHtml(sheet.lessonTitle)}</a>.</p>`;
  return renderPage({
    siteTitle: sheet.siteTitle,
    pageTitle: title,
    charts: false,
    contentSecurityPolicy: sheet.contentSecurityPolicy,
    body: [
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="sheet-name">Name: <span class="fill-line"></span> Date: <span class="fill-line fill-line-short"></span></p>`,
      intro,
      ...sheet.questions.map(question),
    ].join('\n'),
  });
}
