/**
 * The import rules of docs/architecture.md, as code: which layer a file of
 * src/ belongs to, which layers it may import, and every import that breaks
 * a rule. The allowed imports are read from the ```imports block of the
 * document itself, so the picture a newcomer reads and the rule the test
 * enforces are one text.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '..', '..');
export const SRC = join(ROOT, 'src');

/** layer → the layers it may import (its own files are always allowed). */
export type Rules = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Reads one fenced block of docs/architecture.md: a `name: a, b, c` line per
 * entry (`name` matched by `namePattern`), as name → the set after the colon.
 */
function parseBlock(markdown: string, block: 'imports' | 'packages', namePattern: string, what: string): Rules {
  const found = new RegExp('```' + block + '\\n([\\s\\S]*?)```').exec(markdown);
  if (!found) throw new Error(`docs/architecture.md has no \`\`\`${block} block`);
  const rules = new Map<string, Set<string>>();
  for (const line of found[1].split('\n')) {
    if (line.trim() === '') continue;
    const match = new RegExp(`^(${namePattern}):\\s*(.*)$`).exec(line.trim());
    if (!match) throw new Error(`cannot read the ${what} line "${line}"`);
    rules.set(
      match[1],
      new Set(
        match[2]
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
    );
  }
  return rules;
}

/** Reads the ```imports block: one `layer: a, b, c` line per layer. */
export function parseRules(markdown: string): Rules {
  const rules = parseBlock(markdown, 'imports', '[\\w/-]+', 'rule');
  for (const [layer, allowed] of rules) {
    for (const target of allowed) {
      if (!rules.has(target)) throw new Error(`${layer} may import "${target}", which is not a layer`);
    }
  }
  return rules;
}

/** Reads the ```packages block: `package-scope: layers that may import it`. */
export function parsePackageRules(markdown: string): Rules {
  return parseBlock(markdown, 'packages', '@?[\\w/.-]+', 'package rule');
}

export function readPackageRules(): Rules {
  return parsePackageRules(readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8'));
}

/** Every import of a package that its rule does not allow in the importing file's layer. */
export function packageViolations(rules: Rules = readRules(), packages: Rules = readPackageRules()): string[] {
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const layer = layerOf(file, rules);
    const info = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      for (const [scope, allowed] of packages) {
        const matches = fileName === scope || fileName.startsWith(`${scope}/`);
        if (matches && (layer === undefined || !allowed.has(layer))) found.push(`${file} (${layer}) imports ${fileName}`);
      }
    }
  }
  return found;
}

export function readRules(): Rules {
  return parseRules(readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8'));
}

/** A notebook's entry module: src/lessons/NN-name.ts. */
const ENTRY_LESSON = /^lessons\/\d\d-[\w-]+\.ts$/;
const ENTRY_FILES = new Set(['index.ts', 'main.ts', 'cli.ts']);

/**
 * The layer of a path inside src/ (relative, with forward slashes): an entry
 * module, a two-level layer such as layers/tf, or the top folder.
 */
export function layerOf(path: string, rules: Rules): string | undefined {
  if (ENTRY_FILES.has(path) || ENTRY_LESSON.test(path)) return 'entry';
  const parts = path.split('/');
  if (parts.length < 2) return undefined;
  const two = `${parts[0]}/${parts[1]}`;
  if (rules.has(two)) return two;
  if (rules.has(parts[0]) && !rules.has(`${parts[0]}/`)) return parts[0];
  return undefined;
}

/** The lesson folder of a path (lessons/mobilenet/x.ts → mobilenet), if it is in one. */
export function lessonFolderOf(path: string): string | undefined {
  const parts = path.split('/');
  return parts[0] === 'lessons' && parts.length > 2 ? parts[1] : undefined;
}

export interface ImportEdge {
  /** Importing file, relative to src/. */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** The imported path relative to src/ (may start with ../ when outside src/). */
  readonly to: string;
}

/** Every relative import, export … from, import() and require() of one source text (comments ignored). */
export function importsOf(from: string, text: string): ImportEdge[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const to = relative(SRC, resolve(SRC, dirname(from), specifier))
        .split(sep)
        .join('/');
      return { from, specifier, to };
    });
}

/** The file an import names: itself, its .ts, or the index.ts of a folder. */
function targetFile(to: string): string {
  if (/\.[cm]?[jt]s$/.test(to)) return to;
  const isFolder = !existsSync(join(SRC, `${to}.ts`)) && existsSync(join(SRC, to, 'index.ts'));
  return isFolder ? `${to}/index.ts` : `${to}.ts`;
}

/** What is wrong with one import, or undefined when the rules allow it. */
export function violation(edge: ImportEdge, rules: Rules): string | undefined {
  const fromLayer = layerOf(edge.from, rules);
  if (fromLayer === undefined) return `${edge.from} is in no layer of docs/architecture.md`;
  if (edge.to.startsWith('../')) {
    // Outside src/: package.json is fine, the compiled kit is not.
    return edge.to.startsWith('../lib') ? `${edge.from} imports the compiled kit (${edge.specifier})` : undefined;
  }
  const target = targetFile(edge.to);
  const toLayer = layerOf(target, rules);
  if (toLayer === undefined) return `${edge.from} imports ${edge.specifier}, which is in no layer`;
  if (toLayer === 'entry' && fromLayer !== 'entry') return `${edge.from} imports the entry module ${edge.specifier}`;
  if (fromLayer !== toLayer && !rules.get(fromLayer)?.has(toLayer)) {
    return `${edge.from} (${fromLayer}) imports ${edge.specifier} (${toLayer}), which docs/architecture.md does not allow`;
  }
  const fromLesson = lessonFolderOf(edge.from);
  const toLesson = lessonFolderOf(target);
  if (fromLesson !== undefined && toLesson !== undefined && fromLesson !== toLesson) {
    return `${edge.from} imports ${edge.specifier}: a lesson folder does not import another lesson folder`;
  }
  return undefined;
}

/** Every source file under src/, relative to src/. */
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(ts|cts|mts|cjs|mjs|js)$/.test(name) && !name.endsWith('.d.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
    });
}

/** Every import of src/ with what is wrong with it. */
export function violations(rules: Rules = readRules()): string[] {
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(join(SRC, file), 'utf8');
    if (layerOf(file, rules) === undefined) found.push(`${file} is in no layer of docs/architecture.md`);
    for (const edge of importsOf(file, text)) {
      const problem = violation(edge, rules);
      if (problem) found.push(problem);
    }
  }
  return found;
}
