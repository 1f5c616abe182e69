/**
 * The lecture notes' stylesheet (served as assets/convkit-site.css). Plain,
 * readable on a phone; code and outputs visually separated so a reader sees
 * what the kit computed versus what the text claims.
 *
 * Outputs wrap (pre-wrap, and a word longer than the line breaks), so every
 * exercise question and printed line is whole on screen; code keeps its lines
 * and scrolls on screen, where wrapping would hide its indentation.
 *
 * In print: complete pages. Everything wraps (code too), nothing scrolls
 * (a scroll box prints as a cut-off box), charts, images, tables rows and
 * display formulas are kept on one page where they fit (break-inside:
 * avoid), headings stay with what follows, and external link targets are
 * printed after the link text.
 */
export const SITE_CSS = `:root {
  --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; --code-bg: #f6f8fa;
  --accent: #0b5cad; --error-bg: #fff1f0; --error: #a40e26;
}
* { box-sizing: border-box; }
html { font-size: 17px; }
body {
  margin: 0; color: var(--text); background: #fff; line-height: 1.6;
  font-family: "DejaVu Sans", "Noto Sans", "Noto Sans CJK JP", Helvetica, Arial, sans-serif;
}
a { color: var(--accent); }
.site-header, .site-footer { border-bottom: 1px solid var(--rule); padding: 0.6rem 1rem; }
.site-footer { border-top: 1px solid var(--rule); border-bottom: 0; margin-top: 3rem; }
.site-header a.site-title { font-weight: bold; text-decoration: none; color: var(--text); }
main { max-width: 54rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; max-width: 54rem; margin: 0 auto; font-size: 0.9rem; }
nav.pager .next { margin-left: auto; text-align: right; }
h1, h2, h3 { line-height: 1.25; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.45rem; margin-top: 2rem; } h3 { font-size: 1.2rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.6rem; }
th { background: var(--code-bg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.lesson-table tfoot td { font-weight: 600; background: var(--code-bg); }
/* Long URLs in cells break at <wbr> (sanitize.ts); a word that still does not fit breaks rather than run off the page. */
td, th { overflow-wrap: break-word; }
.output-html { max-width: 100%; overflow-x: auto; }
img { max-width: 100%; height: auto; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
pre { overflow-x: auto; padding: 0.7rem 0.9rem; background: var(--code-bg); border-radius: 4px; line-height: 1.45; }
pre code { font-size: 0.85rem; }
.cell { margin: 1rem 0; }
.code-cell .source { border-left: 3px solid var(--accent); margin: 0 0 0.3rem; }
/* highlight.js's theme pads and colours code.hljs itself; the <pre> already does. */
pre code.hljs { padding: 0; background: transparent; }
.code-cell .prompt { font-size: 0.75rem; color: var(--muted); font-family: monospace; margin-bottom: 0.1rem; }
.outputs { padding-left: 0.9rem; border-left: 3px solid var(--rule); }
.output { margin: 0.4rem 0; }
pre.output { background: #fff; border: 1px solid var(--rule); font-size: 0.85rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.output-stderr { background: #fffbe6; }
pre.output-error { background: var(--error-bg); color: var(--error); }
.output-chart figure, .convkit-tile { margin: 0; }
.convkit-chart-view { overflow-x: auto; }
.convkit-chart-view .vega-bindings { font-size: 0.9rem; margin-top: 0.3rem; }
.convkit-grid { max-width: 100%; }
.convkit-tile { min-width: 0; }
.convkit-tile img { max-width: 100%; height: auto; }
.convkit-tile figcaption { font-size: 0.8rem; color: var(--muted); text-align: center; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
/* A display formula wider than its column wraps between its terms, as inline math does. */
.katex-display > .katex { white-space: normal; }
.katex-display > .katex > .katex-html { display: block; }
ol.toc { padding-left: 1.5rem; }
ol.toc li { margin: 0.35rem 0; }
.toc-file { color: var(--muted); font-size: 0.8rem; }
ol.toc ul.toc-sections { margin: 0.2rem 0 0.6rem; padding-left: 1.2rem; font-size: 0.92rem; }
ol.toc ul.toc-sections li { margin: 0.1rem 0; }
p.output-chart-refused { font-size: 0.85rem; color: var(--error); background: var(--error-bg); border: 1px solid var(--rule); padding: 0.3rem 0.6rem; overflow-wrap: anywhere; }
/* Exercise sheets (sheet-page.ts): room to write under each question, boxes to tick. */
.sheet-question h2 { font-size: 1.1rem; margin: 1.4rem 0 0.3rem; }
.answer-room { min-height: 7rem; border: 1px dashed var(--rule); border-radius: 4px; margin: 0.5rem 0 1rem; }
.answer-room-short { min-height: 2.5rem; }
.answer-room-tall { min-height: 16rem; }
ul.sheet-choices { list-style: none; padding-left: 0.5rem; }
.tick-box { display: inline-block; width: 0.8em; height: 0.8em; border: 1px solid var(--text); vertical-align: -0.05em; margin-right: 0.3em; }
.fill-line { display: inline-block; width: 16rem; border-bottom: 1px solid var(--text); margin-right: 1.5rem; }
.fill-line-short { width: 8rem; }
@media print {
  .sheet-question { break-inside: avoid; }
  @page { margin: 15mm 14mm; }
  html { font-size: 10.5pt; }
  .site-header, .site-footer, nav.pager { display: none; }
  main { max-width: none; margin: 0; padding: 0; }
  pre, pre code, pre.output { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
  pre code { font-size: 0.85rem; }
  .convkit-chart-view, .katex-display, .output-html { overflow: visible; }
  figure, .output-chart, .output-image, .output-latex, img, svg, tr, .katex-display, .convkit-grid, p.output-note { break-inside: avoid; }
  .convkit-chart-view svg, .convkit-chart-view canvas, img { max-width: 100% !important; height: auto !important; }
  h1, h2, h3, h4, .code-cell .prompt { break-after: avoid; }
  p, li, pre { orphans: 3; widows: 3; }
  table { max-width: 100%; font-size: 8.5pt; }
  th, td { padding: 0.15rem 0.35rem; }
  a { color: var(--text); }
  a[href^="http"]::after, a[href^="mailto:"]::after { content: " <" attr(href) ">"; color: var(--muted); font-size: 0.85em; overflow-wrap: anywhere; }
  .vega-bindings { display: none; }
}
`;
