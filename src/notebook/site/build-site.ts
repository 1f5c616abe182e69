import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ConvkitInputError } from '../../core/errors';
import { writeFileAtomic } from '../../core/atomic-write';
import { hasTag, joinText, readNotebook, type Cell, type Notebook } from '../nbformat';
import { writeSiteAssets } from './assets';
import { highlightTypeScript } from './highlight';
import { renderMarkdown, type MarkdownHeading } from './markdown';
import { renderOutput, type PageCharts } from './outputs';
import { renderIndex, renderPage, type PageLink } from './page';
import { lessonFacts, renderFrontPage, splitAtLessons } from './front-page';
import { renderSheetPage, type SheetPageQuestion } from './sheet-page';
import { renderKeyPage, type KeyPageEntry } from './key-page';

export interface BuildSiteOptions {
  /** Executed .ipynb files, in teaching order (the order of the contents and of previous/next). */
  readonly notebooks: readonly string[];
  /** Output folder, e.g. build/site; created if missing, files in it are replaced atomically. */
  readonly outDir: string;
  /** Site title in every header and the contents page. Default "convkit lecture notes". */
  readonly title?: string;
  /**
   * The course's front page text (Markdown, e.g. notebooks/course.md): with
   * it, index.html is the front page of front-page.ts (the text, a table of
   * the lessons counted from the notebooks, the contents); without it, the
   * contents alone.
   */
  readonly frontPage?: string;
  /** Seconds each notebook took to run in the kernel, in the order of `notebooks`, for the front page's table. */
  readonly runSeconds?: readonly number[];
  /**
   * Each notebook's exercise sheet (src/exercises/sheet.ts), in the order of
   * `notebooks`; undefined or empty for a notebook without exercises. Each is
   * written as STEM-exercises.html and linked from the front page.
   */
  readonly sheets?: readonly (readonly SheetPageQuestion[] | undefined)[];
  /** Each notebook's answer key (src/exercises/answer-key.ts), like `sheets`; written as STEM-key.html. */
  readonly keys?: readonly (readonly KeyPageEntry[] | undefined)[];
  /**
   * Test only: leave the Content-Security-Policy out of every page, so the
   * browser tests can prove the chart policy holds on its own (as when
   * someone serves the notes without the meta tag). Never for published notes.
   */
  readonly testOnlyOmitContentSecurityPolicy?: boolean;
}

export interface BuiltSite {
  /** Absolute paths of the lesson pages, in the order of `notebooks`. */
  readonly pages: string[];
  /** Absolute path of the contents page (index.html). */
  readonly index: string;
  /** Site-relative paths of the copied assets. */
  readonly assets: string[];
  /** Absolute paths of the exercise sheets written. */
  readonly sheets: string[];
  /** Absolute paths of the answer keys written. */
  readonly keys: string[];
  /** Chart outputs: shown, shown after cleaning their spec, and shown as a note instead (chart-policy.ts). */
  readonly charts: { shown: number; cleaned: number; notes: number };
}

export const DEFAULT_SITE_TITLE = 'convkit lecture notes';

/**
 * Builds the HTML lecture notes from executed notebooks:
 *
 *   check options ─► read every notebook (nbformat 4) ─► plan page names
 *   and titles ─► copy assets (vega, KaTeX, highlight.js, the kit's CSS/JS)
 *   ─► render each page (Markdown + math, highlighted code, outputs) with
 *   previous/next links ─► write pages, each lesson's exercise sheet and
 *   answer key (when given), then index.html: the front page (front-page.ts)
 *   or the contents alone (each file atomically)
 *
 * Every notebook is read before anything is written, so a bad notebook
 * leaves the previous site untouched.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuiltSite> {
  const { notebooks, outDir, title, frontPage, runSeconds, sheets, keys } = checkOptions(options);
  const frontPageText = frontPage === undefined ? undefined : readFileSync(frontPage, 'utf8');
  if (frontPage !== undefined && frontPageText !== undefined) splitAtLessons(frontPageText, frontPage); // refuse a bad text before writing anything
  const withPolicy = options.testOnlyOmitContentSecurityPolicy !== true;
  const loaded = notebooks.map((path) => ({ path, notebook: readNotebook(path) }));
  const plans = planPages(loaded);
  const pageHref = (lists: readonly (readonly unknown[] | undefined)[] | undefined, suffix: string) =>
    plans.map((plan, index) => ((lists?.[index]?.length ?? 0) > 0 ? plan.href.replace(/\.html$/, `-${suffix}.html`) : undefined));
  const sheetHrefs = pageHref(sheets, 'exercises');
  const keyHrefs = pageHref(keys, 'key');
  for (const [index, href] of [...sheetHrefs.entries(), ...keyHrefs.entries()]) {
    const clash = plans.find((plan) => plan.href === href);
    if (clash) throw new ConvkitInputError('notebooks', clash.path, `must not be named like ${plans[index].href}'s exercise sheet or key, ${href}`);
  }
  const assets = writeSiteAssets(outDir);

  const pages: string[] = [];
  const sections: PageLink[][] = [];
  const chartTotals = { shown: 0, cleaned: 0, notes: 0 };
  for (const [index, plan] of plans.entries()) {
    const previous: PageLink | undefined = index > 0 ? plans[index - 1] : undefined;
    const next: PageLink | undefined = index < plans.length - 1 ? plans[index + 1] : undefined;
    const charts: PageCharts = { count: 0 };
    const headings: MarkdownHeading[] = [];
    const body = await renderCells(plan.notebook, charts, headings);
    sections.push(headings.filter((heading) => heading.level === 2).map((heading) => ({ href: `${plan.href}#${heading.id}`, title: heading.text })));
    chartTotals.shown += charts.count;
    chartTotals.cleaned += charts.cleaned ?? 0;
    chartTotals.notes += charts.notes ?? 0;
    const html = renderPage({ siteTitle: title, pageTitle: plan.title, body, previous, next, charts: charts.count > 0, contentSecurityPolicy: withPolicy });
    const path = join(outDir, plan.href);
    writeFileAtomic(path, html);
    pages.push(path);
  }
  const sheetPaths: string[] = [];
  const keyPaths: string[] = [];
  for (const [index, plan] of plans.entries()) {
    const [sheetHref, keyHref, questions, entries] = [sheetHrefs[index], keyHrefs[index], sheets?.[index], keys?.[index]];
    const lesson = { siteTitle: title, lessonTitle: plan.title, lessonHref: plan.href, contentSecurityPolicy: withPolicy };
    if (sheetHref !== undefined && questions !== undefined) {
      sheetPaths.push(join(outDir, sheetHref));
      writeFileAtomic(join(outDir, sheetHref), renderSheetPage({ ...lesson, questions }));
    }
    if (keyHref !== undefined && entries !== undefined) {
      keyPaths.push(join(outDir, keyHref));
      writeFileAtomic(join(outDir, keyHref), renderKeyPage({ ...lesson, entries, ...(sheetHref === undefined ? {} : { sheetHref }) }));
    }
  }
  const indexPath = join(outDir, 'index.html');
  const entries = plans.map((plan, index) => ({
    href: plan.href,
    title: plan.title,
    notebook: basename(plan.path),
    sections: sections[index],
    ...(sheetHrefs[index] === undefined ? {} : { sheetHref: sheetHrefs[index] }),
    ...(keyHrefs[index] === undefined ? {} : { keyHref: keyHrefs[index] }),
  }));
  writeFileAtomic(
    indexPath,
    frontPage === undefined || frontPageText === undefined
      ? renderIndex(title, entries, withPolicy)
      : renderFrontPage({
          siteTitle: title,
          text: frontPageText,
          textPath: frontPage,
          entries: entries.map((entry, index) => ({ ...entry, facts: lessonFacts(plans[index].notebook), runSeconds: runSeconds?.[index] })),
          contentSecurityPolicy: withPolicy,
        }),
  );
  return { pages, index: indexPath, sheets: sheetPaths, keys: keyPaths, assets, charts: chartTotals };
}

function checkOptions(options: BuildSiteOptions): {
  notebooks: string[];
  outDir: string;
  title: string;
  frontPage?: string;
  runSeconds?: readonly number[];
  sheets?: BuildSiteOptions['sheets'];
  keys?: BuildSiteOptions['keys'];
} {
  if (options === null || typeof options !== 'object') {
    throw new ConvkitInputError('options', options, 'must be { notebooks, outDir, title? }');
  }
  const { notebooks, outDir } = options;
  if (!Array.isArray(notebooks) || notebooks.length === 0) {
    throw new ConvkitInputError('notebooks', notebooks, 'must list at least one executed .ipynb file');
  }
  notebooks.forEach((path, index) => {
    if (typeof path !== 'string' || !path.endsWith('.ipynb')) {
      throw new ConvkitInputError(`notebooks[${index}]`, path, 'must be a path ending in .ipynb');
    }
    if (!existsSync(path)) throw new ConvkitInputError(`notebooks[${index}]`, path, 'must be an existing file');
  });
  if (typeof outDir !== 'string' || outDir.trim() === '') {
    throw new ConvkitInputError('outDir', outDir, 'must be a folder path');
  }
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new ConvkitInputError('outDir', outDir, 'must be a folder, not a file');
  }
  const title = options.title ?? DEFAULT_SITE_TITLE;
  if (typeof title !== 'string' || title.trim() === '') {
    throw new ConvkitInputError('title', title, 'must be a non-empty string');
  }
  const { frontPage, runSeconds, sheets, keys } = options;
  if (sheets !== undefined && (!Array.isArray(sheets) || sheets.length !== notebooks.length)) {
    throw new ConvkitInputError('sheets', sheets, `must list one exercise sheet (or undefined) per notebook (${notebooks.length})`);
  }
  if (keys !== undefined && (!Array.isArray(keys) || keys.length !== notebooks.length)) {
    throw new ConvkitInputError('keys', keys, `must list one answer key (or undefined) per notebook (${notebooks.length})`);
  }
  if (frontPage !== undefined && (typeof frontPage !== 'string' || !existsSync(frontPage) || !statSync(frontPage).isFile())) {
    throw new ConvkitInputError('frontPage', frontPage, 'must be the path of an existing Markdown file');
  }
  if (runSeconds !== undefined) {
    if (!Array.isArray(runSeconds) || runSeconds.length !== notebooks.length) {
      throw new ConvkitInputError('runSeconds', runSeconds, `must list one time per notebook (${notebooks.length})`);
    }
    runSeconds.forEach((seconds, index) => {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        throw new ConvkitInputError(`runSeconds[${index}]`, seconds, 'must be a number of seconds, 0 or more');
      }
    });
  }
  return {
    notebooks: notebooks.map((path) => resolve(path)),
    outDir: resolve(outDir),
    title,
    ...(frontPage === undefined ? {} : { frontPage: resolve(frontPage) }),
    ...(runSeconds === undefined ? {} : { runSeconds }),
    ...(sheets === undefined ? {} : { sheets }),
    ...(keys === undefined ? {} : { keys }),
  };
}

interface PagePlan extends PageLink {
  readonly path: string;
  readonly notebook: Notebook;
}

/** Page file names come from notebook names (01-standard-conv.ipynb → 01-standard-conv.html). */
function planPages(loaded: readonly { path: string; notebook: Notebook }[]): PagePlan[] {
  const taken = new Map<string, string>();
  return loaded.map(({ path, notebook }) => {
    const stem =
      basename(path, '.ipynb')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '') || 'notebook';
    const href = `${stem}.html`;
    if (href === 'index.html' || taken.has(href)) {
      throw new ConvkitInputError(
        'notebooks',
        path,
        `must have a unique name: it would be written as ${href}${taken.has(href) ? `, like ${taken.get(href)}` : ', the contents page'}`,
      );
    }
    taken.set(href, path);
    return { path, notebook, href, title: notebookTitle(notebook) ?? basename(path, '.ipynb') };
  });
}

/** The first level-1 heading of the notebook's Markdown. */
function notebookTitle(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'markdown') continue;
    const title = renderMarkdown(joinText(cell.source)).title;
    if (title !== undefined) return title;
  }
  return undefined;
}

/**
 * Cells in order. Jupyter Book's tags are honoured: remove-cell,
 * remove-input and remove-output. Raw cells are left out (they are for
 * other export formats).
 */
async function renderCells(notebook: Notebook, charts: PageCharts, headings: MarkdownHeading[]): Promise<string> {
  const parts: string[] = [];
  const usedIds = new Set<string>();
  for (const cell of notebook.cells) {
    if (hasTag(cell, 'remove-cell')) continue;
    parts.push(await renderCell(cell, charts, usedIds, headings));
  }
  return parts.filter((part) => part !== '').join('\n');
}

async function renderCell(cell: Cell, charts: PageCharts, usedIds: Set<string>, headings: MarkdownHeading[]): Promise<string> {
  if (cell.cell_type === 'markdown') {
    const rendered = renderMarkdown(joinText(cell.source), { usedIds });
    headings.push(...rendered.headings);
    return `<section class="cell markdown-cell">\n${rendered.html}\n</section>`;
  }
  if (cell.cell_type !== 'code') return '';
  const source = joinText(cell.source);
  const input =
    hasTag(cell, 'remove-input') || source.trim() === ''
      ? ''
      : `<div class="prompt">[${cell.execution_count ?? ' '}]</div>\n<pre class="source"><code class="hljs language-typescript">${highlightTypeScript(source)}</code></pre>`;
  const rendered: string[] = [];
  if (!hasTag(cell, 'remove-output')) {
    for (const output of cell.outputs) rendered.push(await renderOutput(output, charts));
  }
  const outputs = rendered.filter((html) => html !== '');
  if (input === '' && outputs.length === 0) return '';
  const outputBlock = outputs.length > 0 ? `\n<div class="outputs">\n${outputs.join('\n')}\n</div>` : '';
  return `<section class="cell code-cell">\n${input}${outputBlock}\n</section>`;
}
