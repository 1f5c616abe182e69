import { escapeHtml } from '../../core/escape-html';
import { ASSET_PATHS, CHART_SCRIPTS } from './assets';

/**
 * The page shell shared by the index and every lesson page.
 *
 * The Content-Security-Policy is the second line of defence behind the
 * sanitiser: scripts only from the site's own files (no inline script, no
 * eval, no javascript: URLs), images from the site or data: URLs, no
 * network access beyond the site's origin, no <base>, no forms.
 * Inline styles stay allowed because KaTeX positions glyphs with them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface PageLink {
  readonly href: string;
  readonly title: string;
}

export interface PageShell {
  readonly siteTitle: string;
  readonly pageTitle: string;
  /** Trusted HTML assembled by the site builder from sanitised parts. */
  readonly body: string;
  readonly previous?: PageLink;
  readonly next?: PageLink;
  /** Load the chart scripts (only pages that have charts pay for them). */
  readonly charts: boolean;
  /** False only in tests that check the pages are safe without the policy; default true. */
  readonly contentSecurityPolicy?: boolean;
}

function pager(previous: PageLink | undefined, next: PageLink | undefined): string {
  const parts = [
    previous ? `<a class="previous" rel="prev" href="${escapeHtml(previous.href)}">← ${escapeHtml(previous.title)}</a>` : '',
    `<a class="contents" href="index.html">Contents</a>`,
    next ? `<a class="next" rel="next" href="${escapeHtml(next.href)}">${escapeHtml(next.title)} →</a>` : '',
  ];
  return `<nav class="pager">${parts.join('')}</nav>`;
}

export function renderPage(page: PageShell): string {
  const title = page.pageTitle === page.siteTitle ? page.siteTitle : `${page.pageTitle} · ${page.siteTitle}`;
  const scripts = page.charts ? CHART_SCRIPTS.map((src) => `<script src="${src}" defer></script>`).join('\n') : '';
  const showPager = page.previous !== undefined || page.next !== undefined;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${page.contentSecurityPolicy === false ? '' : `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n`}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PATHS.katexCss}">
<link rel="stylesheet" href="${ASSET_PATHS.highlightCss}">
<link rel="stylesheet" href="${ASSET_PATHS.siteCss}">
${scripts}
</head>
<body>
<header class="site-header"><a class="site-title" href="index.html">${escapeHtml(page.siteTitle)}</a>${showPager ? pager(page.previous, page.next) : ''}</header>
<main>
${page.body}
</main>
<footer class="site-footer">${showPager ? pager(page.previous, page.next) : ''}</footer>
</body>
</html>
`;
}

export interface IndexEntry {
  readonly href: string;
  readonly title: string;
  /** The notebook file the page was built from. */
  readonly notebook: string;
  /** The page's level-2 headings, linked by anchor. */
  readonly sections?: readonly PageLink[];
}

/** The table of contents: one entry per notebook, in teaching order. */
export function renderIndex(siteTitle: string, entries: readonly IndexEntry[], contentSecurityPolicy = true): string {
  const items = entries
    .map((entry) => {
      const sections = (entry.sections ?? []).map((section) => `<li><a href="${escapeHtml(section.href)}">${escapeHtml(section.title)}</a></li>`).join('');
      return `<li><a href="${escapeHtml(entry.href)}">${escapeHtml(entry.title)}</a> <span class="toc-file">${escapeHtml(entry.notebook)}</span>${sections ? `<ul class="toc-sections">${sections}</ul>` : ''}</li>`;
    })
    .join('\n');
  return renderPage({
    siteTitle,
    pageTitle: siteTitle,
    charts: false,
    contentSecurityPolicy,
    body: `<h1>${escapeHtml(siteTitle)}</h1>\n<ol class="toc">\n${items}\n</ol>`,
  });
}
