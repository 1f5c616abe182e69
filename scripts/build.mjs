// `npm run build`: src/ → lib/ (CommonJS + .d.ts) with tsconfig.build.json.
//
// Notebooks import the kit from "../lib" (tslab cannot compile ../src/*.ts),
// so this runs on its own as part of `npm ci` (prepare), `npm test`
// (pretest) and `npm start` (src/main.ts) — a newcomer never has to remember it.
// The compiler writes into a fresh folder that then replaces lib/ by rename, so
// a deleted source file cannot linger as stale JS, and a notebook (or a second
// build) running at the same moment never sees a half-written lib/.
//
//   node scripts/build.mjs            type errors fail the build (exit 1)
//   node scripts/build.mjs --lenient  type errors are printed as a warning and
//                                     the emitted JS is kept (exit 0) — used by
//                                     the automatic hooks, so a type slip in one
//                                     module does not block installing or testing
//                                     everything else; `npm run typecheck` and
//                                     `npm run build` stay strict.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lenient = process.argv.includes('--lenient');
const require = createRequire(import.meta.url);

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [repo] });
} catch {
  console.error('build: typescript is not installed (run `npm ci`)');
  process.exit(lenient ? 0 : 1);
}

const started = Date.now();
const lib = join(repo, 'lib');
// Scratch folders live in build/ (git-ignored), on the same disk as lib/ so rename is atomic.
const fresh = join(repo, 'build', `lib-new-${process.pid}`);
const old = join(repo, 'build', `lib-old-${process.pid}`);
rmSync(fresh, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json'), '--outDir', fresh, '--pretty', 'false'], {
  cwd: repo,
  encoding: 'utf8',
});
if (existsSync(join(fresh, 'index.js'))) {
  if (existsSync(lib)) renameSync(lib, old);
  renameSync(fresh, lib);
  rmSync(old, { recursive: true, force: true, maxRetries: 3 });
} else {
  rmSync(fresh, { recursive: true, force: true, maxRetries: 3 });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const emitted = existsSync(join(lib, 'index.js'));
if (result.status === 0) {
  console.error(`build: lib/ compiled from src/ in ${seconds} s`);
  process.exit(0);
}
const errors = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n');
const shown = errors.slice(0, 40).join('\n') + (errors.length > 40 ? `\n… ${errors.length - 40} more lines` : '');
if (lenient && emitted) {
  console.error(`build: warning: type errors (lib/ was emitted anyway, ${seconds} s):\n${shown}`);
  process.exit(0);
}
console.error(`build: failed (${seconds} s):\n${shown}`);
process.exit(lenient && !existsSync(join(repo, 'src', 'index.ts')) ? 0 : 1);
