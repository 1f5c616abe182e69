import * as vega from 'vega';
import { stableSvgIds } from '../../plot/vega-render';
import { HTTP_URL } from './chart-policy';

/**
 * The loader the site's build-time renderer gives vega: it loads nothing
 * (charts carry their data inline) and passes only http(s) links. vega's own
 * loader rejects a `javascript:` link, and vega-scenegraph's SVG string
 * renderer then reads `.href` of null in a promise nobody catches, which
 * ended the whole site build; a link refused here resolves to no link at all.
 */
export function siteVegaLoader(): vega.Loader {
  const loader = vega.loader();
  loader.load = (uri: string) => Promise.reject(new Error(`chart data must be inline, not loaded from ${JSON.stringify(uri)}`));
  loader.sanitize = (uri: string, options?: { context?: string }) =>
    Promise.resolve(
      options?.context === 'href' && typeof uri === 'string' && HTTP_URL.test(uri)
        ? { href: uri, target: '_blank', rel: 'noopener noreferrer' }
        : ({} as { href: string }),
    );
  return loader;
}

/**
 * The static SVG of a chart saved without one, rendered from the compiled
 * spec that chart-policy.ts has checked, with the loader above. Any failure
 * rejects the promise, including an error vega's dataflow only logs (a bad
 * time unit, a failing expression), which would otherwise leave a half-drawn
 * chart; the caller turns it into a note in the cell.
 */
export async function renderCheckedChartSvg(compiled: vega.Spec): Promise<string> {
  const errors: string[] = [];
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error, loader: siteVegaLoader(), logger: collectingLogger(errors) });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(errors[0]);
    return stableSvgIds(svg);
  } finally {
    view.finalize();
  }
}

/** A vega logger that keeps errors instead of printing them. */
function collectingLogger(errors: string[]): vega.LoggerInterface {
  const text = (args: readonly unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      errors.push(text(args));
      return logger;
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  };
  return logger as unknown as vega.LoggerInterface;
}
