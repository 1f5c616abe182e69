/**
 * Hostile and mistaken --out values, and malformed or repeated run options:
 * each is refused before any kernel starts, as exit 2 and exactly one line
 * that names the option, the value and the rule — and no source notebook
 * changes, whatever route (symlink, "..", the file itself) --out takes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { liveKernelCount } from '../../../src/notebook/kernel';
import { checkNotASource } from '../../../src/notebook/out-folder';
import { runCommand } from '../../../src/notebook/run-command';
import { sha256, withSandbox, type Sandbox } from '../throwaway';

/** runCommand in-process with stderr captured; cwd is switched for the call when given. */
async function run(args: string[], cwd?: string): Promise<{ code: number; lines: string[] }> {
  const written: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  const before = process.cwd();
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    if (cwd) process.chdir(cwd);
    const code = await runCommand(args);
    return { code, lines: written.join('').trimEnd().split('\n') };
  } finally {
    process.chdir(before);
    process.stderr.write = original;
  }
}

/** A failing notebook with saved outputs (what an --out reached through a symlink would overwrite). */
function sourceWithOutputs(box: Sandbox): string {
  return box.notebook('t.ipynb', ['throw new Error("fails on purpose")']);
}

async function assertRefused(box: Sandbox, args: string[], rule: RegExp, cwd?: string): Promise<void> {
  const sources = readdirSync(box.notebooks).map((name) => join(box.notebooks, name));
  const sums = sources.map(sha256);
  const result = await run(args, cwd);
  assert.equal(result.code, 2, `${args.join(' ')}: exit 2\n${result.lines.join('\n')}`);
  assert.equal(result.lines.length, 1, `${args.join(' ')}: one line\n${result.lines.join('\n')}`);
  assert.match(result.lines[0]!, /^convkit run: (--out|option|--timeout) = /, 'names the option');
  assert.match(result.lines[0]!, rule, args.join(' '));
  assert.deepEqual(sources.map(sha256), sums, 'no source changed');
  assert.equal(liveKernelCount(), 0, 'no kernel was started');
}

test("--out that reaches a source notebook's folder by any route is refused before running", async () => {
  await withSandbox(async (box) => {
    const source = sourceWithOutputs(box);
    const link = join(box.root, 'out-link');
    symlinkSync(box.notebooks, link);
    mkdirSync(join(box.root, 'elsewhere'));
    symlinkSync(join(box.notebooks), join(box.root, 'elsewhere', 'deep'));
    const inside = /must not be the folder of .*t\.ipynb or inside it/;
    let tried = 0;
    for (const out of [
      box.notebooks, // the folder itself
      link, // a symlink to it (as `ln -s src out` makes)
      join(link, 'sub'), // inside it through the symlink
      join(box.notebooks, 'executed'), // plainly inside it
      join(box.notebooks, '..', basename(box.notebooks)), // through ".."
      join(box.root, 'elsewhere', 'deep', 'x', 'y'), // a deeper symlinked route, not yet existing
    ]) {
      await assertRefused(box, [source, '--out', out], inside);
      tried++;
    }
    assert.equal(tried, 6);
    assert.equal(existsSync(join(box.notebooks, 'executed')), false, 'nothing was created inside the source folder');
  });
});

test('--out that is a file, lies under a file, is the source itself, is empty or cannot be written is one line, exit 2', async () => {
  await withSandbox(async (box) => {
    const source = sourceWithOutputs(box);
    const file = join(box.root, 'a-file.txt');
    writeFileSync(file, 'not a folder');
    await assertRefused(box, [source, '--out', file], /--out = ".*a-file\.txt": must be a folder, but it is a file/);
    await assertRefused(box, [source, '--out', join(file, 'sub')], /must be a folder, but .*a-file\.txt is a file and cannot hold one/);
    await assertRefused(box, [source, '--out', source], /must be a folder, not the source notebook .*t\.ipynb/);
    await assertRefused(box, [source, '--out', ''], /--out = "": must name a folder \(it is empty\)/);
    await assertRefused(box, [source, '--out='], /--out = "": must name a folder/);
    // /sys refuses writes even to root; a chmod-ed folder is checked too when not root.
    await assertRefused(box, [source, '--out', '/sys'], /--out = "\/sys": must be a folder this user can write \(E[A-Z]+\)/);
    await assertRefused(box, [source, '--out', '/sys/convkit-out'], /must be a folder this user can write/);
    if (process.getuid?.() !== 0) {
      const locked = join(box.root, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o555);
      await assertRefused(box, [source, '--out', locked], /must be a folder this user can write \(EACCES\)/);
      chmodSync(locked, 0o755);
    }
    assert.equal(readdirSync(box.root).filter((name) => name.includes('.convkit-probe')).length, 0, 'no probe file left');
  });
});

test('the default folder may not be a source either: re-running an executed copy from its own folder is refused', async () => {
  await withSandbox(async (box) => {
    const executed = join(box.root, 'build', 'notebooks');
    mkdirSync(executed, { recursive: true });
    const copy = join(executed, 'copy.ipynb');
    writeFileSync(copy, '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}');
    const sum = sha256(copy);
    const result = await run(['build/notebooks/copy.ipynb'], box.root);
    assert.equal(result.code, 2);
    assert.equal(result.lines.length, 1);
    assert.match(result.lines[0]!, /--out = "build\/notebooks": must not be the folder of build\/notebooks\/copy\.ipynb or inside it/);
    assert.equal(sha256(copy), sum);
  });
});

test('a symlink swapped during the run cannot route the write onto a source (checked again before writing)', async () => {
  await withSandbox(async (box) => {
    const source = sourceWithOutputs(box);
    const out = join(box.root, 'out');
    symlinkSync(box.notebooks, out); // what a swap after the first check would leave
    assert.throws(() => checkNotASource(join(out, 't.ipynb'), [source], out), /--out = ".*out": must not lead onto a source notebook/);
    rmSync(out);
    mkdirSync(out);
    assert.doesNotThrow(() => checkNotASource(join(out, 't.ipynb'), [source], out));
  });
});

test('--timeout is decimal seconds within (0, 86400]; anything else names the bound', () => {
  return withSandbox(async (box) => {
    const source = sourceWithOutputs(box);
    const out = join(box.root, 'out');
    const cases: [string, RegExp][] = [
      ['0x10', /--timeout = "0x10": must be decimal seconds, e.g\. 30 or 2\.5 \(> 0 and <= 86400\)/],
      ['1e3', /--timeout = "1e3": must be decimal seconds/],
      ['Infinity', /--timeout = "Infinity": must be decimal seconds/],
      [' 7', /--timeout = " 7": must be decimal seconds/],
      ['-1', /--timeout = "-1": must be decimal seconds/],
      ['0', /--timeout = "0": must be greater than 0 and at most 86400 s \(one day\)/],
      ['0.0', /must be greater than 0 and at most 86400 s/],
      ['86401', /--timeout = "86401": must be greater than 0 and at most 86400 s/],
      ['2147484', /--timeout = "2147484": must be greater than 0 and at most 86400 s/],
      ['', /--timeout = "": must be decimal seconds/],
    ];
    for (const [value, rule] of cases) await assertRefused(box, [source, '--out', out, `--timeout=${value}`], rule);
    assert.equal(cases.length, 10);
  });
});

test('an option given twice is refused, naming both values, like cost and layer do', () => {
  return withSandbox(async (box) => {
    const source = sourceWithOutputs(box);
    const a = join(box.root, 'a');
    const b = join(box.root, 'b');
    await assertRefused(box, [source, '--out', a, '--out', b], /option = "--out": given 2 times \(.*a, then .*b\); give each option once/);
    await assertRefused(box, [source, `--out=${a}`, `--out=${b}`], /option = "--out": given 2 times/);
    await assertRefused(box, [source, '--out', a, '--timeout', '5', '--timeout', '6'], /option = "--timeout": given 2 times \(5, then 6\)/);
    await assertRefused(box, [source, '--inplace', '--inplace'], /option = "--inplace": given 2 times; give each option once/);
    assert.equal(existsSync(a) || existsSync(b), false, 'no folder was created');
  });
});
