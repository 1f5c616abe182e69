/**
 * What a notebook may import: the kit's public API ("../lib", src/index.ts),
 * its lesson's entry module ("../lib/lessons/NN-<name>", src/lessons/NN-*.ts),
 * tslab and TF.js. A solutions notebook sits one folder deeper and imports
 * the same two kit paths as "../../lib/…". Anything deeper would tie a
 * notebook to the kit's inner layout, so these tests read the code cells of
 * every committed notebook (no kernel needed) and fail on it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const repo = join(__dirname, '..', '..');
const PACKAGES = new Set(['tslab', '@tensorflow/tfjs']);

interface Cell {
  readonly cell_type: string;
  readonly source: string | string[];
}

const notebooksIn = (folder: string): string[] =>
  readdirSync(join(repo, folder))
    .filter((name) => name.endsWith('.ipynb'))
    .sort()
    .map((name) => `${folder}/${name}`);

const LESSONS = notebooksIn('notebooks');
const SOLUTIONS = notebooksIn('notebooks/solutions');

function codeOf(path: string): string {
  const cells = (JSON.parse(readFileSync(join(repo, path), 'utf8')) as { cells: Cell[] }).cells;
  return cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source))
    .join('\n');
}

/** Every module a piece of TypeScript names: `import … from "x"`, `import "x"`, `export … from "x"`, `import("x")`, `require("x")`. */
function specifiers(code: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\b(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]));
}

/** The names a piece of TypeScript imports from `module` (`import { a, b as c } from "module"`, types included). */
function namesImportedFrom(code: string, module: string): string[] {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*["']${escaped}["']`, 'g');
  return [...code.matchAll(pattern)].flatMap((match) =>
    match[1]
      .split(',')
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)[0],
      )
      .filter((name) => name !== ''),
  );
}

/** The entry modules, by lesson number: '01' → '01-standard-convolution'. */
const ENTRIES = new Map(
  readdirSync(join(repo, 'src', 'lessons'))
    .filter((name) => /^\d\d-.+\.ts$/.test(name))
    .map((name) => [name.slice(0, 2), name.replace(/\.ts$/, '')] as const),
);

/** The names an entry module re-exports (`export { a, b } from '…'`). */
function entryExports(entry: string): string[] {
  const source = readFileSync(join(repo, 'src', 'lessons', `${entry}.ts`), 'utf8');
  return [...source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}\s*from/g)].flatMap((match) =>
    match[1]
      .split(',')
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop()!,
      )
      .filter((name) => name !== ''),
  );
}

/** The kit paths a notebook may import: the public API and its own lesson's entry, if the lesson has one. */
function allowedKitPaths(path: string): Set<string> {
  const lib = path.startsWith('notebooks/solutions/') ? '../../lib' : '../lib';
  const entry = ENTRIES.get(basename(path).slice(0, 2));
  return new Set(entry === undefined ? [lib] : [lib, `${lib}/lessons/${entry}`]);
}

test('the specifier reader finds every form of import a cell can write', () => {
  const code = [
    'import { a } from "../lib";',
    'import type { B } from "../lib/models";',
    'import * as tf from "@tensorflow/tfjs";',
    'import {\n  c,\n  d,\n} from "../lib/lessons/conv-basics";',
    'import "../lib/plot";',
    'export { e } from "../lib/cost";',
    'const f = await import("../lib/data");',
    'const g = require("../lib/exercises");',
  ].join('\n');
  assert.deepEqual(
    specifiers(code).sort(),
    ['../lib', '../lib/models', '@tensorflow/tfjs', '../lib/lessons/conv-basics', '../lib/cost', '../lib/plot', '../lib/data', '../lib/exercises'].sort(),
  );
});

for (const path of [...LESSONS, ...SOLUTIONS]) {
  test(`${path} imports only the kit's public API, its lesson's entry module, tslab and TF.js`, () => {
    const allowed = allowedKitPaths(path);
    const found = specifiers(codeOf(path));
    assert.ok(found.length > 0, 'the notebook imports something');
    const wrong = found.filter((specifier) => !allowed.has(specifier) && !PACKAGES.has(specifier));
    assert.deepEqual(wrong, [], `allowed: ${[...allowed, ...PACKAGES].join(', ')}`);
  });
}

test('every lesson with an entry module has a lesson notebook and a solutions notebook that import it', () => {
  assert.ok(ENTRIES.size >= 9, `entry modules found: ${[...ENTRIES.values()].join(', ')}`);
  for (const [lesson, entry] of ENTRIES) {
    const lessonPath = LESSONS.find((path) => basename(path).startsWith(`${lesson}-`));
    const solutionsPath = `notebooks/solutions/${lesson}-solutions.ipynb`;
    assert.ok(lessonPath, `a notebook for ${entry}`);
    assert.ok(existsSync(join(repo, solutionsPath)), solutionsPath);
    assert.ok(specifiers(codeOf(lessonPath)).includes(`../lib/lessons/${entry}`), `${lessonPath} imports ${entry}`);
    assert.ok(specifiers(codeOf(solutionsPath)).includes(`../../lib/lessons/${entry}`), `${solutionsPath} imports ${entry}`);
  }
});

test('an entry module re-exports exactly what its two notebooks import from it', () => {
  for (const [lesson, entry] of ENTRIES) {
    const lessonPath = LESSONS.find((path) => basename(path).startsWith(`${lesson}-`))!;
    const used = new Set([
      ...namesImportedFrom(codeOf(lessonPath), `../lib/lessons/${entry}`),
      ...namesImportedFrom(codeOf(`notebooks/solutions/${lesson}-solutions.ipynb`), `../../lib/lessons/${entry}`),
    ]);
    const exported = entryExports(entry);
    assert.deepEqual(
      exported.filter((name) => !used.has(name)),
      [],
      `${entry} exports names no notebook imports`,
    );
    assert.deepEqual(
      [...used].filter((name) => !exported.includes(name)),
      [],
      `${entry} lacks names its notebooks import`,
    );
    assert.equal(new Set(exported).size, exported.length, `${entry} exports a name twice`);
  }
});

test('each entry module opens with a comment saying what its lesson covers', () => {
  for (const [lesson, entry] of ENTRIES) {
    const source = readFileSync(join(repo, 'src', 'lessons', `${entry}.ts`), 'utf8');
    assert.match(source, new RegExp(`^/\\*\\*\\n \\* Lesson ${lesson}, `), entry);
  }
});
