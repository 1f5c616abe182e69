/**
 * The kit's only script in the site (served as assets/convkit-charts.js):
 * turns every chart figure into a live vega-embed view. It runs after
 * vega, vega-lite and vega-embed (all served from the site's own assets, so
 * pages work offline) and:
 *
 * - reads each spec from its inert JSON element (never from notebook HTML:
 *   figures are found by data-convkit-chart, an attribute the sanitiser
 *   strips from notebook content);
 * - renders with `ast: true`, so Vega evaluates expressions with its
 *   interpreter instead of generating code (no eval: the pages' CSP forbids it);
 * - keeps the kit's embed options whatever the spec says: the build already
 *   removed `usermeta` (chart-policy.ts), and the loader drops it again
 *   before vega-embed could merge `usermeta.embedOptions` over these options;
 *   the mode is fixed to Vega-Lite, and the $schema is set to match it;
 * - gives vega a loader that loads nothing (charts carry their data inline)
 *   and follows only http(s) links, so no chart reaches file:// or the network;
 * - keeps the static SVG until the live view exists, and keeps it for good
 *   if anything fails (the failure goes to console.warn and a data attribute).
 *
 * Written as plain ES2017 in a string so the same file ships whether the
 * kit runs from src/ (tsx) or from the compiled lib/.
 */
import { HTTP_URL } from './chart-policy';

export const CHART_LOADER_JS = `'use strict';
(function () {
  function fail(figure, error) {
    figure.setAttribute('data-convkit-chart-error', String(error && error.message ? error.message : error));
    console.warn('convkit chart ' + figure.getAttribute('data-convkit-chart') + ' kept as a static image:', error);
  }
  var HTTP_URL = ${HTTP_URL.toString()};
  function siteLoader() {
    var loader = window.vega.loader();
    loader.load = function (uri) {
      return Promise.reject(new Error('chart data must be inline, not loaded from ' + JSON.stringify(uri)));
    };
    loader.sanitize = function (uri, options) {
      if (options && options.context === 'href' && typeof uri === 'string' && HTTP_URL.test(uri)) {
        return Promise.resolve({ href: uri, target: '_blank', rel: 'noopener noreferrer' });
      }
      return Promise.reject(new Error('chart link or image refused: ' + JSON.stringify(uri)));
    };
    return loader;
  }
  function kitOptions() {
    return { mode: 'vega-lite', actions: false, renderer: 'svg', ast: true, tooltip: true, loader: siteLoader() };
  }
  function embed(figure) {
    var view = figure.querySelector('.convkit-chart-view');
    var source = figure.querySelector('script[type="application/json"][data-convkit-spec]');
    if (!view || !source) return;
    if (typeof window.vegaEmbed !== 'function' || !window.vega) return fail(figure, new Error('vega-embed did not load'));
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (error) {
      return fail(figure, error);
    }
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return fail(figure, new Error('chart spec is not an object'));
    delete spec.usermeta;
    spec.$schema = 'https://vega.github.io/schema/vega-lite/v5.json';
    var live = document.createElement('div');
    live.className = 'convkit-chart-live';
    view.insertBefore(live, view.firstChild);
    window.vegaEmbed(live, spec, kitOptions())
      .then(function () {
        var staticImage = view.querySelector('.convkit-chart-static');
        if (staticImage) staticImage.remove();
        figure.setAttribute('data-convkit-chart-rendered', 'true');
      })
      .catch(function (error) {
        live.remove();
        fail(figure, error);
      });
  }
  function start() {
    document.querySelectorAll('figure[data-convkit-chart]').forEach(embed);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
