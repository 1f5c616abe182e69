/**
 * `scripts/build.mjs --lenient` forgives type errors, never a compiler that
 * did not finish. Each case runs a copy of the build script in a throwaway
 * repo (so the real lib/ is never at stake) with CONVKIT_TSC pointing at a
 * stub compiler that emits some or all of the files and then ends in one way
 * or another, and checks what lib/ holds afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../throwaway';

const SOURCES = ['index.ts', 'cost/formulas.ts', 'cost/model.ts', 'notebook/kernel.ts', 'plot/show.ts', 'types-only.ts'];

/**
 * A compiler stand-in: writes NEW .js for the first `emit` sources into --outDir/src/ (the
 * build compiles the whole repo, rootDir ".", and takes lib/ from there), then ends
 * as told: "exit:N" (after printing a type error for N = 2), "kill" (SIGKILL mid-emit, as the
 * out-of-memory killer does), or "abort" (V8's fatal out-of-heap crash, exit 134).
 */
const STUB = `
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const out = process.argv[process.argv.indexOf('--outDir') + 1];
const sources = ${JSON.stringify(SOURCES)};
const emit = Number(process.env.STUB_EMIT);
for (const source of sources.slice(0, emit)) {
  const file = join(out, 'src', source.replace(/\\.ts$/, '.js'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'NEW');
}
const end = process.env.STUB_END;
if (end === 'kill') process.kill(process.pid, 'SIGKILL');
if (end === 'abort') { console.error('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'); process.exit(134); }
const code = Number(end.split(':')[1]);
if (code === 2) console.log("src/cost/model.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.");
process.exit(code);
`;

function fakeRepo(): { root: string; lib: () => Record<string, string>; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'convkit-build-'));
  mkdirSync(join(root, 'scripts'));
  for (const script of ['build.mjs', 'lib-state.cjs']) copyFileSync(join(REPO, 'scripts', script), join(root, 'scripts', script));
  writeFileSync(join(root, 'tsconfig.build.json'), '{}');
  for (const source of SOURCES) {
    mkdirSync(join(root, 'src', source, '..'), { recursive: true });
    writeFileSync(join(root, 'src', source), 'export {};');
  }
  writeFileSync(join(root, 'src', 'cost', 'model.test.ts'), 'export {};'); // tests are not compiled into lib/
  mkdirSync(join(root, 'lib', 'cost'), { recursive: true });
  for (const source of SOURCES) {
    mkdirSync(join(root, 'lib', source, '..'), { recursive: true });
    writeFileSync(join(root, 'lib', source.replace(/\.ts$/, '.js')), 'OLD');
  }
  writeFileSync(join(root, 'tsc-stub.js'), STUB);
  const lib = (): Record<string, string> => {
    const files: Record<string, string> = {};
    const walk = (folder: string, prefix: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
        else if (entry.name !== '.build.json') files[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), 'utf8');
      }
    };
    walk(join(root, 'lib'), '');
    return files;
  };
  return { root, lib, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

function build(repo: string, emit: number, end: string, lenient = true) {
  const result = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), ...(lenient ? ['--lenient'] : [])], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CONVKIT_TSC: join(repo, 'tsc-stub.js'), STUB_EMIT: String(emit), STUB_END: end },
  });
  return { code: result.status, stderr: result.stderr };
}

const all = (content: string): Record<string, string> => Object.fromEntries(SOURCES.map((s) => [s.replace(/\.ts$/, '.js'), content]));

test('a compiler that did not finish never replaces lib/, lenient or not', () => {
  const cases: [number, string, RegExp][] = [
    [3, 'kill', /the TypeScript compiler was killed by SIGKILL; lib\/ was left as it was/],
    [SOURCES.length, 'kill', /was killed by SIGKILL/], // even when every file happened to be written
    [2, 'abort', /the TypeScript compiler exited with code 134; lib\/ was left as it was[\s\S]*heap out of memory/],
    [0, 'exit:1', /exited with code 1/], // tsc's "outputs skipped"
    [4, 'exit:2', /exited 2 without emitting 2 file\(s\), e\.g\. plot\/show\.js, types-only\.js/],
    [4, 'exit:0', /exited 0 without emitting 2 file\(s\)/],
  ];
  for (const lenient of [true, false]) {
    for (const [emit, end, message] of cases) {
      const repo = fakeRepo();
      try {
        const result = build(repo.root, emit, end, lenient);
        const what = `${lenient ? '--lenient ' : ''}emit ${emit}, ${end}`;
        assert.equal(result.code, 1, `${what}: exit 1\n${result.stderr}`);
        assert.match(result.stderr, message, what);
        assert.deepEqual(repo.lib(), all('OLD'), `${what}: lib/ is exactly as before`);
        assert.deepEqual(existsSync(join(repo.root, 'build')) ? readdirSync(join(repo.root, 'build')) : [], [], `${what}: no scratch folder left`);
      } finally {
        repo.dispose();
      }
    }
  }
});

test('lenient forgives type errors: a finished compile with errors installs the whole new lib/ and exits 0', () => {
  const repo = fakeRepo();
  try {
    const result = build(repo.root, SOURCES.length, 'exit:2');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /build: warning: type errors \(lib\/ was emitted anyway[\s\S]*TS2322/);
    assert.deepEqual(repo.lib(), all('NEW'));
    // The record keeps the compiler's verdict for test/typecheck.test.ts.
    const record = JSON.parse(readFileSync(join(repo.root, 'lib', '.build.json'), 'utf8')) as { status: number; errors: string[] };
    assert.equal(record.status, 2);
    assert.match(record.errors.join('\n'), /TS2322/);
  } finally {
    repo.dispose();
  }
});

test('a clean compile installs the new lib/ and a strict build with type errors still exits 1', () => {
  const clean = fakeRepo();
  const strict = fakeRepo();
  try {
    assert.equal(build(clean.root, SOURCES.length, 'exit:0').code, 0);
    assert.deepEqual(clean.lib(), all('NEW'));
    const result = build(strict.root, SOURCES.length, 'exit:2', false);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /build: failed[\s\S]*TS2322/);
  } finally {
    clean.dispose();
    strict.dispose();
  }
});
