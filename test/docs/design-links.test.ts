/**
 * Comments point at sections of docs/design.md and docs/architecture.md as
 * `docs/NAME.md#anchor`. Every such pointer in src/, test/, bench/ and
 * scripts/ must name a heading that exists, with GitHub's anchor rule
 * (lower case, punctuation dropped, spaces to hyphens), so a renamed section
 * cannot leave a comment pointing nowhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const repo = join(__dirname, '..', '..');

/** GitHub's anchor for a heading: "TF.js backends and gradient kernels" → "tfjs-backends-and-gradient-kernels". */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(doc: string): Set<string> {
  const text = readFileSync(join(repo, 'docs', doc), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => headingAnchor(match[1]!)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|cjs|mjs|js)$/.test(name) ? [path] : [];
  });
}

test('the anchor rule matches GitHub on the headings it must handle', () => {
  assert.equal(headingAnchor('TF.js backends and gradient kernels'), 'tfjs-backends-and-gradient-kernels');
  assert.equal(headingAnchor('One spec, three views'), 'one-spec-three-views');
  assert.equal(headingAnchor('MACs and FLOPs'), 'macs-and-flops');
});

test('every docs/*.md#anchor a comment names is a heading of that document', () => {
  const anchors = new Map(['design.md', 'architecture.md'].map((doc) => [doc, anchorsOf(doc)]));
  const broken: string[] = [];
  let pointers = 0;
  for (const folder of ['src', 'test', 'bench', 'scripts']) {
    for (const file of sourceFiles(join(repo, folder))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/docs\/(design|architecture)\.md#([\w-]+)/g)) {
        pointers++;
        if (!anchors.get(`${match[1]}.md`)!.has(match[2]!)) broken.push(`${relative(repo, file)}: docs/${match[1]}.md#${match[2]}`);
      }
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(pointers >= 10, `only ${pointers} pointers found: is the pattern still right?`);
});

test('docs/design.md links to headings of its own and of docs/architecture.md that exist', () => {
  const text = readFileSync(join(repo, 'docs', 'design.md'), 'utf8');
  const own = anchorsOf('design.md');
  const architecture = anchorsOf('architecture.md');
  for (const [, doc, anchor] of text.matchAll(/\]\((architecture\.md)?#([\w-]+)\)/g)) {
    assert.ok((doc ? architecture : own).has(anchor!), `${doc ?? 'design.md'}#${anchor}`);
  }
});
