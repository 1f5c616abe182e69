/**
 * Citations in lessons 05–09 and their lesson code: wrong references that
 * must not come back, and two checks of the whole class — every
 * data/reference path a lesson names exists, and the section numbers cited
 * next to a paper exist in that paper (section lists below, from the papers'
 * headings).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
const NOTEBOOKS = ['05-mobilenet-v2-v3', '06-dense-block', '07-transition-layer', '08-resnet-vs-densenet', '09-review'].map((n) => `notebooks/${n}.ipynb`);
const SOURCE_DIRS = ['src/lessons/mobilenet', 'src/lessons/densenet', 'src/lessons/resnet-densenet', 'src/models'];

/** Every markdown and code cell source of the lesson notebooks, and the lesson and model sources: [where, text]. */
function texts(): [string, string][] {
  const out: [string, string][] = [];
  for (const path of NOTEBOOKS) {
    const cells = (JSON.parse(readFileSync(join(repo, path), 'utf8')) as { cells: { id?: string; source: string | string[] }[] }).cells;
    cells.forEach((c, i) => out.push([`${path} cell ${c.id ?? i}`, Array.isArray(c.source) ? c.source.join('') : c.source]));
  }
  for (const dir of SOURCE_DIRS) {
    for (const name of readdirSync(join(repo, dir)).filter((n) => n.endsWith('.ts'))) out.push([`${dir}/${name}`, readFileSync(join(repo, dir, name), 'utf8')]);
  }
  return out;
}

// Section headings of the four papers (numbered sections and subsections).
const SECTIONS: Record<string, readonly string[]> = {
  Huang: ['1', '2', '3', '4', '4.1', '4.2', '4.3', '4.4', '5', '6'],
  He: ['1', '2', '3', '3.1', '3.2', '3.3', '3.4', '4', '4.1', '4.2', '4.3'],
  Sandler: ['1', '2', '3', '3.1', '3.2', '3.3', '3.4', '4', '5', '5.1', '6', '6.1', '6.2', '6.3', '6.4', '7'],
  Howard2019: ['1', '2', '3', '4', '4.1', '4.2', '5', '5.1', '5.2', '5.3', '5.4', '6', '6.1', '6.2', '6.3', '6.4', '7'],
};

test('no lesson cites §4.1 of the DenseNet paper for the CIFAR layout or the first convolution (it is §3, Implementation Details)', () => {
  for (const [where, text] of texts()) {
    assert.doesNotMatch(text, /(Huang|DenseNet|CIFAR)[^\n]{0,80}§4\.1/, where);
    assert.doesNotMatch(text, /§4\.1[^\n]{0,40}Implementation Details/, where);
  }
});

test('wordings that misstate the papers or the formulas do not appear', () => {
  for (const [where, text] of texts()) {
    assert.doesNotMatch(text, /parameters saved/, where);
    assert.doesNotMatch(text, /as well as any linear layer could/, where);
    assert.doesNotMatch(text, /which is why v3 puts it only in some blocks/, where);
    assert.doesNotMatch(text, /\\\\times ?"\)\}\}|replace\(\/×\/g, "\\\\\\\\times/, where);
  }
});

test('lesson 06 says that DenseNet-BC starts from 2k channels', () => {
  const [, cell] = texts().find(([where, text]) => where.startsWith('notebooks/06') && /§3, "Implementation Details"/.test(text)) ?? ['', ''];
  assert.match(cell, /twice the growth rate, 2k/);
  assert.match(cell, /k0 = 24/);
});

test('every data/reference path a lesson names exists', () => {
  for (const [where, text] of texts()) {
    for (const m of text.matchAll(/data\/reference\/[\w./-]+\.json/g)) assert.ok(existsSync(join(repo, m[0])), `${where}: ${m[0]}`);
  }
});

test('every section cited next to a paper exists in that paper', () => {
  const authorOf = (s: string): string | undefined =>
    /Huang|DenseNet paper/.test(s)
      ? 'Huang'
      : /He et al/.test(s)
        ? 'He'
        : /Sandler/.test(s)
          ? 'Sandler'
          : /Howard et al\.,? 2019|Searching for MobileNetV3/.test(s)
            ? 'Howard2019'
            : undefined;
  for (const [where, text] of texts()) {
    // A citation: "<author> … §x.y" inside one parenthesis or one line.
    for (const m of text.matchAll(/\(([^()\n]*?(?:Huang|He et al|Sandler|Howard et al\.,? 2019)[^()\n]*?)\)/g)) {
      const author = authorOf(m[1]);
      if (author === undefined) continue;
      for (const s of m[1].matchAll(/§(\d+(?:\.\d+)?)/g))
        assert.ok(SECTIONS[author].includes(s[1]), `${where}: §${s[1]} is not a section of ${author}: "${m[0]}"`);
    }
  }
});
