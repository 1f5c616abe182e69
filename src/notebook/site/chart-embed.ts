import { escapeHtml } from '../../core/escape-html';

/**
 * Serialises JSON for a <script type="application/json"> element. The HTML
 * parser ends a script element at the first "</script" whatever the type,
 * and "<!--" changes how it looks for that end; escaping every <, > and & as
 * a \u escape (still the same JSON) means no string in a spec can close the
 * element or open markup. U+2028/U+2029 are escaped for old JS parsers.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** An SVG document as an <img> source: inside <img>, SVG scripts and links never run. */
export function svgImageSource(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * A chart in a page: the static SVG (what readers without scripts see, and
 * what shows while the page loads) and the Vega-Lite spec as inert JSON.
 * The site's chart loader (assets/convkit-charts.js) finds figures by the
 * data-convkit-chart attribute, which notebook HTML can never carry (the
 * sanitiser drops data-* attributes), renders the spec with vega-embed, and
 * only then removes the static image.
 */
export function chartFigure(index: number, spec: unknown, svg: string | undefined, description: string): string {
  const fallback =
    svg !== undefined
      ? `<img class="convkit-chart-static" src="${svgImageSource(svg)}" alt="${escapeHtml(description)}">`
      : `<p class="convkit-chart-static">${escapeHtml(description)}</p>`;
  return [
    `<figure class="convkit-chart" data-convkit-chart="${index}">`,
    `<div class="convkit-chart-view">${fallback}</div>`,
    `<script type="application/json" data-convkit-spec="${index}">${jsonForScriptElement(spec)}</script>`,
    `</figure>`,
  ].join('\n');
}
