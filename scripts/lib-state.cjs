// Is lib/ the compiled form of today's src/?
//
// Notebooks, `convkit` and `npm start` all run lib/, the kit as last compiled.
// After an edit in src/ that is yesterday's code, and nothing would say so.
// scripts/build.mjs leaves a record in lib/ (BUILD_RECORD) saying when the
// compiler started, which files it was given and what it reported; these
// functions compare it with the files as they are now. Plain CommonJS with no
// dependencies, so the kernel preload (src/notebook/kernel-preload.cjs),
// bin/convkit.js and the scripts can all load it, in a few milliseconds.
//
//   libState(repo)    lib/ against src/, the tsconfig files and the installed
//                     TypeScript: what the command and the notebooks run
//   checkState(repo)  the same, and the build's type check against test/ and
//                     bench/: whether its verdict still holds
//
// Each returns { stale: false, record } or { stale: true, reason, record }
// (reason names the first file found out of step). A repo without src/ (an
// installed copy of the kit) is never stale.
'use strict';

const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const BUILD_RECORD = '.build.json';
/** The folders the build's type check reads (tsconfig.json's include), and its config files. */
const CHECKED_FOLDERS = ['src', 'test', 'bench'];
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json'];

/** Every .ts file under folder (declarations included), as paths relative to the repo, sorted. */
function typescriptFiles(repo, folder) {
  const found = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = readdirSync(join(repo, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found.push(path);
    }
  };
  walk(folder);
  return found.sort();
}

/** The src/ files that compile to a .js in lib/: not declarations, not tests. */
function compiledSources(repo) {
  return typescriptFiles(repo, 'src').filter((path) => !path.endsWith('.d.ts') && !path.endsWith('.test.ts'));
}

/** The .js files in lib/, relative to lib/. */
function libOutputs(repo) {
  const found = [];
  const walk = (relative) => {
    for (const entry of readdirSync(join(repo, 'lib', relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) found.push(path);
    }
  };
  walk('');
  return found;
}

function readRecord(repo) {
  try {
    const record = JSON.parse(readFileSync(join(repo, 'lib', BUILD_RECORD), 'utf8'));
    return typeof record.started === 'number' && Array.isArray(record.inputs) ? record : null;
  } catch {
    return null;
  }
}

function mtime(repo, path) {
  try {
    return statSync(join(repo, path)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function installedTypescript(repo) {
  try {
    return JSON.parse(readFileSync(require.resolve('typescript/package.json', { paths: [repo] }), 'utf8')).version;
  } catch {
    return null;
  }
}

function stale(reason, record) {
  return { stale: true, reason, record };
}

function libState(repo) {
  if (!existsSync(join(repo, 'src'))) return { stale: false, record: null };
  if (!existsSync(join(repo, 'lib', 'index.js'))) return stale('lib/ is not built', null);
  const record = readRecord(repo);
  if (!record) return stale(`lib/ has no build record (lib/${BUILD_RECORD})`, null);
  const sources = compiledSources(repo);
  for (const source of sources) {
    const output = `lib/${source.slice('src/'.length).replace(/\.ts$/, '.js')}`;
    if (!existsSync(join(repo, output))) return stale(`${source} has no compiled ${output}`, record);
    if (mtime(repo, source) > record.started) return stale(`${source} changed after lib/ was built`, record);
  }
  const wanted = new Set(sources.map((source) => source.slice('src/'.length).replace(/\.ts$/, '.js')));
  const orphan = libOutputs(repo).find((output) => !wanted.has(output));
  if (orphan) return stale(`lib/${orphan} is left from a source file that no longer exists`, record);
  for (const path of CONFIG_FILES) {
    if (existsSync(join(repo, path)) && mtime(repo, path) > record.started) return stale(`${path} changed after lib/ was built`, record);
  }
  const typescript = installedTypescript(repo);
  if (typescript && record.typescript && typescript !== record.typescript) {
    return stale(`lib/ was compiled by TypeScript ${record.typescript}, and ${typescript} is installed now`, record);
  }
  return { stale: false, record };
}

function checkState(repo) {
  const lib = libState(repo);
  if (lib.stale || !lib.record) return lib;
  const { record } = lib;
  const inputs = CHECKED_FOLDERS.flatMap((folder) => typescriptFiles(repo, folder));
  const recorded = new Set(record.inputs);
  const added = inputs.find((path) => !recorded.has(path));
  if (added) return stale(`${added} is newer than the last type check`, record);
  const now = new Set(inputs);
  const removed = record.inputs.find((path) => !now.has(path));
  if (removed) return stale(`${removed} was removed after the last type check`, record);
  for (const path of inputs) {
    if (mtime(repo, path) > record.started) return stale(`${path} changed after the last type check`, record);
  }
  return { stale: false, record };
}

module.exports = { BUILD_RECORD, CHECKED_FOLDERS, checkState, libState, typescriptFiles };
