import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../core/atomic-write';
import { CHART_LOADER_JS } from './chart-loader';
import { SITE_CSS } from './site-style';

/**
 * Everything the pages load lives in outDir/assets, copied from the
 * installed packages (the versions pinned in package-lock.json), so the site
 * works offline and from file://, with no CDN:
 *
 *   assets/vega.min.js, vega-lite.min.js, vega-embed.min.js   charts (browser UMD builds)
 *   assets/katex/katex.min.css + katex/fonts/*               math typesetting
 *   assets/highlight/github.min.css                           code colours
 *   assets/convkit-site.css, convkit-charts.js                the kit's own
 *   assets/licenses/*                                         the packages' licences
 */
export const ASSET_PATHS = {
  vega: 'assets/vega.min.js',
  vegaLite: 'assets/vega-lite.min.js',
  vegaEmbed: 'assets/vega-embed.min.js',
  katexCss: 'assets/katex/katex.min.css',
  highlightCss: 'assets/highlight/github.min.css',
  siteCss: 'assets/convkit-site.css',
  chartLoader: 'assets/convkit-charts.js',
} as const;

/** The chart scripts in the order they must load (vega-embed needs both globals). */
export const CHART_SCRIPTS = [ASSET_PATHS.vega, ASSET_PATHS.vegaLite, ASSET_PATHS.vegaEmbed, ASSET_PATHS.chartLoader] as const;

/**
 * The installed package's folder. Found from its main file upwards, because
 * packages with an "exports" map (vega-embed) refuse `name/package.json`.
 */
function packageFolder(name: string): string {
  let folder = dirname(require.resolve(name));
  for (;;) {
    // The package root is the folder named after it under node_modules (vega-lite has a nested build/package.json).
    if (folder.endsWith(join('node_modules', name)) && existsSync(join(folder, 'package.json'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`package ${name} not found above ${require.resolve(name)}`);
    folder = parent;
  }
}

function copy(from: string, outDir: string, to: string): string {
  writeFileAtomic(join(outDir, to), readFileSync(from));
  return to;
}

/** Copies the assets into outDir; returns their site-relative paths. */
export function writeSiteAssets(outDir: string): string[] {
  const written: string[] = [];
  const vega = packageFolder('vega');
  const vegaLite = packageFolder('vega-lite');
  const vegaEmbed = packageFolder('vega-embed');
  const katex = packageFolder('katex');
  const highlight = packageFolder('highlight.js');

  written.push(copy(join(vega, 'build', 'vega.min.js'), outDir, ASSET_PATHS.vega));
  written.push(copy(join(vegaLite, 'build', 'vega-lite.min.js'), outDir, ASSET_PATHS.vegaLite));
  written.push(copy(join(vegaEmbed, 'build', 'vega-embed.min.js'), outDir, ASSET_PATHS.vegaEmbed));
  written.push(copy(join(katex, 'dist', 'katex.min.css'), outDir, ASSET_PATHS.katexCss));
  for (const font of readdirSync(join(katex, 'dist', 'fonts')).sort()) {
    written.push(copy(join(katex, 'dist', 'fonts', font), outDir, `assets/katex/fonts/${font}`));
  }
  written.push(copy(join(highlight, 'styles', 'github.min.css'), outDir, ASSET_PATHS.highlightCss));
  for (const [name, folder] of [
    ['vega', vega],
    ['vega-lite', vegaLite],
    ['vega-embed', vegaEmbed],
    ['katex', katex],
    ['highlight.js', highlight],
  ] as const) {
    const license = readdirSync(folder).find((file) => /^licen[sc]e/i.test(file));
    if (license !== undefined) {
      written.push(copy(join(folder, license), outDir, `assets/licenses/${name}.txt`));
    } else {
      // vega's npm package ships no licence file; name the licence its manifest declares.
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: string; license?: string; repository?: unknown };
      const target = `assets/licenses/${name}.txt`;
      writeFileAtomic(
        join(outDir, target),
        `${name} ${manifest.version ?? ''}: ${manifest.license ?? 'see the package'} licence.\n${JSON.stringify(manifest.repository ?? '')}\n`,
      );
      written.push(target);
    }
  }
  writeFileAtomic(join(outDir, ASSET_PATHS.siteCss), SITE_CSS);
  writeFileAtomic(join(outDir, ASSET_PATHS.chartLoader), CHART_LOADER_JS);
  written.push(ASSET_PATHS.siteCss, ASSET_PATHS.chartLoader);
  return written;
}
