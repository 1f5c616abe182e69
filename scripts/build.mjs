// `npm run build`: src/ → lib/ (CommonJS + .d.ts), and the strict type check of
// src/, test/ and bench/, in one compiler run (tsconfig.build.json).
//
// Notebooks import the kit from "../lib" (tslab cannot compile ../src/*.ts),
// and bin/convkit.js and `npm start` run lib/ too, so this runs on its own as
// part of `npm ci` (prepare), `npm test` (scripts/test.mjs) and `npm start` /
// `convkit …`, each time only when lib/ or its type check is behind the files
// (scripts/lib-state.cjs) — a newcomer never has to remember it.
//
// One compile serves both purposes: the compiler reads src/, test/ and bench/
// with tsconfig.json's strict options, emits all of it into a scratch folder,
// and only the src/ part becomes lib/. What it reported is kept with lib/ in
// lib/.build.json (see scripts/lib-state.cjs), together with the time it
// started and the files it read, so that test/typecheck.test.ts can read the
// verdict instead of compiling everything a second time, and the command and
// the notebooks can tell when lib/ is older than src/.
//
// The compiler writes into a fresh folder that then replaces lib/ by rename, so
// a deleted source file cannot linger as stale JS, and a notebook (or a second
// build) running at the same moment never sees a half-written lib/.
//
//   node scripts/build.mjs            type errors fail the build (exit 1)
//   node scripts/build.mjs --lenient  type errors are printed as a warning and
//                                     the emitted JS is kept (exit 0) — used by
//                                     the automatic hooks, so a type slip in one
//                                     module does not block installing or testing
//                                     everything else; test/typecheck.test.ts,
//                                     `npm run typecheck` and `npm run build`
//                                     stay strict.
//   --if-stale                        compile only when lib/ is behind src/, the
//                                     tsconfig files or the installed TypeScript
//                                     (scripts/lib-state.cjs libState); otherwise
//                                     say so and exit 0
//
// Lenient forgives type errors only, never a compiler that did not finish:
// tsc killed (out of memory, Ctrl-C) or crashed stops mid-emit with part of
// lib/ written, and installing that would break every notebook in ways that
// look like kit bugs. So lib/ is replaced only when tsc exited by itself with
// 0 (clean) or 2 (type errors, output emitted) AND every src/**/*.ts has its
// .js. Otherwise lib/ stays as it was and the build fails, lenient or not.
// CONVKIT_TSC names another compiler script (the build tests use a stub that
// dies mid-emit).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lenient = process.argv.includes('--lenient');
const require = createRequire(import.meta.url);
const { BUILD_RECORD, CHECKED_FOLDERS, libState, typescriptFiles } = require('./lib-state.cjs');

if (process.argv.includes('--if-stale')) {
  const state = libState(repo);
  if (!state.stale) {
    console.error('build: lib/ is up to date with src/');
    process.exit(0);
  }
  console.error(`build: ${state.reason}; compiling`);
}

let tsc = process.env.CONVKIT_TSC;
if (!tsc) {
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [repo] });
  } catch {
    console.error('build: typescript is not installed (run `npm ci`)');
    process.exit(lenient ? 0 : 1);
  }
}

function typescriptVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('typescript/package.json', { paths: [repo] }), 'utf8')).version;
  } catch {
    return null;
  }
}

/** tsc's own exit codes: 0 success; 2 diagnostics, outputs generated (1 means outputs skipped). */
const FINISHED = new Set([0, 2]);

/** The .js files tsc must emit for src/ (every .ts except declarations and tests), relative paths. */
function expectedOutputs(folder, prefix = '') {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return expectedOutputs(join(folder, entry.name), relative);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts') || entry.name.endsWith('.test.ts')) return [];
    return [relative.replace(/\.ts$/, '.js')];
  });
}

const lib = join(repo, 'lib');
// Scratch folders live in build/ (git-ignored), on the same disk as lib/ so rename is atomic.
// The compiler mirrors the repo there (rootDir "."): out/src/ is the new lib/, out/test/ and
// out/bench/ are a by-product of checking them in the same run, removed afterwards.
const out = join(repo, 'build', `tsc-out-${process.pid}`);
const fresh = join(out, 'src');
const old = join(repo, 'build', `lib-old-${process.pid}`);
rmSync(out, { recursive: true, force: true });
// The files the compiler is about to read, and the time before it reads any: a file changed
// after this moment may or may not be in this lib/, so lib-state.cjs counts it as newer.
const inputs = CHECKED_FOLDERS.flatMap((folder) => typescriptFiles(repo, folder));
const started = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', join(repo, 'tsconfig.build.json'), '--outDir', out, '--pretty', 'false'], {
  cwd: repo,
  encoding: 'utf8',
  // Room for a long list of type errors: past maxBuffer spawnSync kills the compiler.
  maxBuffer: 64 * 2 ** 20,
});
const missing = existsSync(join(repo, 'src')) ? expectedOutputs(join(repo, 'src')).filter((file) => !existsSync(join(fresh, file))) : [];
const finished = result.signal === null && FINISHED.has(result.status) && !result.error;
if (!finished || missing.length > 0) {
  rmSync(out, { recursive: true, force: true, maxRetries: 3 });
  const how = result.error
    ? `could not run (${result.error.message})`
    : result.signal
      ? `was killed by ${result.signal}`
      : FINISHED.has(result.status)
        ? `exited ${result.status} without emitting ${missing.length} file(s), e.g. ${missing.slice(0, 3).join(', ')}`
        : `exited with code ${result.status}`;
  const said = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n');
  console.error(`build: failed: the TypeScript compiler ${how}; lib/ was left as it was${said ? `:\n${said}` : ''}`);
  process.exit(1);
}
const errors = result.status === 0 ? [] : `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n');
if (existsSync(join(fresh, 'index.js'))) {
  writeFileSync(
    join(fresh, BUILD_RECORD),
    `${JSON.stringify({ started, finished: Date.now(), typescript: typescriptVersion(), status: result.status, errors, inputs }, null, 1)}\n`,
  );
  if (existsSync(lib)) renameSync(lib, old);
  renameSync(fresh, lib);
  rmSync(old, { recursive: true, force: true, maxRetries: 3 });
}
rmSync(out, { recursive: true, force: true, maxRetries: 3 });
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const emitted = existsSync(join(lib, 'index.js'));
if (result.status === 0) {
  console.error(`build: lib/ compiled, and src/, test/, bench/ type-checked, in ${seconds} s`);
  process.exit(0);
}
const shown = errors.slice(0, 40).join('\n') + (errors.length > 40 ? `\n… ${errors.length - 40} more lines` : '');
if (lenient && emitted) {
  console.error(`build: warning: type errors (lib/ was emitted anyway, ${seconds} s):\n${shown}`);
  process.exit(0);
}
console.error(`build: failed (${seconds} s):\n${shown}`);
process.exit(lenient && !existsSync(join(repo, 'src', 'index.ts')) ? 0 : 1);
