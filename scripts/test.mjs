// `npm test`: every test/**/*.test.ts with Node's built-in test runner
// (TypeScript via tsx); `node scripts/test.mjs FILE…` runs only those.
// Node 20's --test takes no globs, so the file list is gathered here.
//
// Several tests run lib/ (the notebooks, bin/convkit.js), and
// test/typecheck.test.ts reads the type check the build recorded, so lib/
// is rebuilt first when it is out of date (scripts/lib-state.cjs): for the
// whole suite, when any file the type check reads changed since the last
// build; for chosen files, when src/ did. One compile at most, none when
// nothing changed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { checkState, libState } = createRequire(import.meta.url)('./lib-state.cjs');

function collect(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return collect(path);
      return name.endsWith('.test.ts') ? [path] : [];
    });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : collect('test');

const state = only.length > 0 ? libState(repo) : checkState(repo);
if (state.stale) {
  console.error(`test: ${state.reason}; building first`);
  const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), '--lenient'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
