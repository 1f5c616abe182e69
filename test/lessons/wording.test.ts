/**
 * Wording checks over the text of every lesson notebook (markdown and code
 * sources, not outputs), for statements a test can catch.
 *
 * 1. FLOPs. The word means multiply-adds (= MACs) in the CNN papers the kit
 *    quotes (He et al. 2016, §3.3 "FLOPs (multiply-adds)" and Table 1;
 *    Huang et al. 2017, Fig. 3; torchvision's "GFLOPS"), while some profilers
 *    and hardware datasheets count 2 × MACs. A lesson may say the second, but
 *    only as what such tools mean or as convkit's own label, never as what
 *    papers mean and never as a bare rule ("FLOPs ≈ 2 × MACs"): a learner who
 *    believes that doubles every published figure.
 *
 *    How a statement is caught: the text is cut into sentences (hard-wrapped
 *    lines joined, abbreviations like "et al." kept whole) and each sentence
 *    into clauses at ";". A clause that says "2 × MACs" (or "twice the MACs",
 *    "two FLOPs per multiply-add", "FLOPs (a multiply and an add)") in a
 *    sentence about FLOPs is a violation when it names papers, or when it
 *    names no one at all (no tool, profiler, datasheet, hardware, convkit or
 *    label). A negated mention ("not 2 × MACs") is allowed.
 *
 * 2. Measured speed. Timings move from run to run (lesson 04), so prose may
 *    not call a layer kind the one the backend "runs best" or "runs fastest";
 *    what a run showed is printed from its numbers.
 *
 * The patterns are tested against the retired wording of lessons 00, 01, 03
 * and 04 and against the wording that replaced it, so they can fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..');

interface Cell {
  cell_type: string;
  source: string | string[];
}
const text = (value: string | string[]): string => (Array.isArray(value) ? value.join('') : value);

/** Every lesson notebook and solutions notebook, with its cells. */
function notebooks(): { path: string; cells: Cell[] }[] {
  const dirs = ['notebooks', join('notebooks', 'solutions')];
  return dirs.flatMap((dir) =>
    readdirSync(join(repo, dir))
      .filter((name) => name.endsWith('.ipynb'))
      .sort()
      .map((name) => ({ path: join(dir, name), cells: (JSON.parse(readFileSync(join(repo, dir, name), 'utf8')) as { cells: Cell[] }).cells })),
  );
}

const ABBREVIATIONS = /\b(e\.g|i\.e|et al|Fig|Figs|eq|eqs|Eq|cf|vs|approx|resp)\./g;

/** Sentences of a markdown or code text: wrapped lines joined, list items, table rows and blank lines kept apart. */
function sentences(source: string): string[] {
  const protectedText = source.replace(ABBREVIATIONS, (_, abbreviation: string) => `${abbreviation}\u0000`);
  const blocks = protectedText.split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|\||#|\/\/))/);
  return (
    blocks
      .map((block) => block.replace(/\s*\n\s*/g, ' '))
      .flatMap((block) => block.split(/(?<=[.!?])\s+/))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is the placeholder put in for an abbreviation's full stop above
      .map((sentence) => sentence.replace(/\u0000/g, '.').trim())
      .filter((sentence) => sentence.length > 0)
  );
}

const FLOPS = /\bG?FLOP(?:s|S)?\b/i;
const TWO_MACS = new RegExp(
  [
    String.raw`\b2\s*[×x*·]\s*(?:the\s+)?(?:MACs?|multiply[- ]?(?:adds?|accumulates?)|mult-adds)\b`,
    String.raw`\b(?:MACs?|multiply[- ]adds?)\s*[×x*·]\s*2\b`,
    String.raw`\b(?:twice|double)\s+(?:the\s+)?(?:number\s+of\s+)?(?:MACs?|multiply[- ]?(?:adds?|accumulates?))\b`,
    String.raw`\b(?:two|2)\s+FLOPs?\s+(?:per|for\s+each|for\s+every|a|an|in\s+each)\s+(?:MAC|multiply)`,
    String.raw`FLOPs?\s*\(\s*(?:a|one)\s+multiply\s+and\s+(?:an|one)\s+add\s*\)`,
  ].join('|'),
  'i',
);
const PAPERS = /\bpapers?\b|\bpublished\b|\bpublications?\b|\bliterature\b|\bauthors?\b|\bet al\b|\btorchvision\b|\bTable \d|\bFig\. ?\d/i;
const WHO_COUNTS_DOUBLE = /\btools?\b|\bprofilers?\b|\bdatasheets?\b|\bhardware\b|\bvendors?\b|\bconvkit\b|\blabel(?:s|led|ed)?\b|\bprints?\b/i;
const NEGATION = /\b(?:not|never|rather than|instead of)\b/i;

/** Why a sentence states FLOPs = 2 × MACs as what papers mean or as a bare rule; null when it does not. */
function flopsViolation(sentence: string): string | null {
  if (!FLOPS.test(sentence)) return null;
  for (const clause of sentence.split(';')) {
    const match = TWO_MACS.exec(clause);
    if (match === null) continue;
    const before = clause.slice(Math.max(0, match.index - 40), match.index);
    if (NEGATION.test(before)) continue;
    if (PAPERS.test(clause)) return 'says papers mean 2 × MACs by FLOPs';
    if (!WHO_COUNTS_DOUBLE.test(clause)) return 'states FLOPs = 2 × MACs without saying who counts that way';
  }
  return null;
}

const SPEED_CLAIM = /\bruns?\s+(?:it\s+)?(?:best|fastest)\b/i;

test('the patterns catch the retired FLOPs wording and pass the wording that replaced it', () => {
  const retired = [
    'FLOPs, when a paper quotes them, are 2 × MACs.',
    'FLOPs, when a paper or tool quotes them, are usually 2 × MACs (a multiply and an add).',
    'value times the number of output values. FLOPs ≈ 2 × MACs.',
    'FLOPs = 2 x MACs.',
    'Published FLOPs count twice the multiply-adds.',
    'that is twice the answer: you counted FLOPs (a multiply and an add).',
    'Each MAC is two FLOPs per multiply-add, as ResNet counts them.',
  ];
  for (const old of retired) {
    const flagged = sentences(old)
      .map(flopsViolation)
      .filter((v) => v !== null);
    assert.ok(flagged.length > 0, `not caught: ${old}`);
  }
  const current = [
    'Some profilers and hardware\ndatasheets count the multiply and the add as two operations, so their FLOPs are 2 × MACs.',
    'convkit always prints MACs; the line labelled "FLOPs (2 x MACs)" in the table above is that\nsecond convention, spelled out.',
    '- "FLOPs" in the CNN papers means these multiply-adds; some tools and datasheets mean 2 × MACs.',
    'ResNet writes "FLOPs (multiply-adds)" (He et al. 2016, §3.3), and DenseNet\'s FLOPs (Huang et al. 2017, Fig. 3) count the same thing.',
    'The papers count FLOPs as multiply-adds, not as 2 × MACs.',
    'FLOPs are not latency.',
  ];
  for (const ok of current)
    assert.deepEqual(
      sentences(ok)
        .map(flopsViolation)
        .filter((v) => v !== null),
      [],
      ok,
    );
  assert.ok(SPEED_CLAIM.test('the routine a tuned library — XNNPACK inside the wasm backend — runs best'));
  assert.ok(SPEED_CLAIM.test('the operation hardware and libraries run fastest'));
  assert.ok(!SPEED_CLAIM.test('the fastest of 5 interleaved runs'));
});

test('sentences keep "et al." and "Fig. 3" whole and join hard-wrapped lines', () => {
  assert.deepEqual(sentences('DenseNet (Huang et al. 2017,\nFig. 3) counts them. Some tools\ndouble them.'), [
    'DenseNet (Huang et al. 2017, Fig. 3) counts them.',
    'Some tools double them.',
  ]);
  assert.deepEqual(sentences('- one\n- two\n\nthree'), ['- one', '- two', 'three']);
});

test('no lesson text says papers mean 2 × MACs by FLOPs, or states it as a bare rule', () => {
  const found: string[] = [];
  for (const { path, cells } of notebooks()) {
    cells.forEach((cell, i) => {
      if (cell.cell_type !== 'markdown' && cell.cell_type !== 'code') return;
      for (const sentence of sentences(text(cell.source))) {
        const why = flopsViolation(sentence);
        if (why !== null) found.push(`${path} cell ${i + 1}: ${why}: "${sentence}"`);
      }
    });
  }
  assert.deepEqual(found, []);
});

test('no lesson prose calls a layer kind the one the backend runs best or fastest', () => {
  const found: string[] = [];
  for (const { path, cells } of notebooks()) {
    cells.forEach((cell, i) => {
      if (cell.cell_type !== 'markdown') return;
      for (const sentence of sentences(text(cell.source))) if (SPEED_CLAIM.test(sentence)) found.push(`${path} cell ${i + 1}: "${sentence}"`);
    });
  }
  assert.deepEqual(found, []);
});
