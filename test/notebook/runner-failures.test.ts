/**
 * Every way a run can go wrong, through the real runner and the real tslab
 * kernel: each must exit non-zero with a report that says where, leave the
 * source notebook byte-for-byte unchanged, and leave no kernel process or
 * connection file behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leftovers, runRunner, sha256, waitUntil, withSandbox, type Sandbox } from './throwaway';

function assertClean(box: Sandbox, source: string, checksum: string): void {
  assert.equal(sha256(source), checksum, 'the source notebook is unchanged');
  const left = leftovers(box.tmp);
  assert.deepEqual(left.connectionFolders, [], 'no connection file is left');
  assert.deepEqual(left.processes, [], 'no kernel process is left');
}

test('a failing cell stops the run and names the notebook, the cell, its first lines and the error', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('fails.ipynb', ['const ok = 1 + 1;\nok', "const label = 'boom';\nthrow new Error(label);", 'console.log("never runs")']);
    const checksum = sha256(source);
    const out = join(box.root, 'out');
    const result = await runRunner(box, [source, '--out', out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /fails\.ipynb: cell 2\/3 failed/);
    assert.match(result.stderr, /\| const label = 'boom';/);
    assert.match(result.stderr, /Error: boom/);
    assert.doesNotMatch(result.stderr, /never runs|cell 3\/3/);
    const written = JSON.parse(readFileSync(join(out, 'fails.ipynb'), 'utf8'));
    assert.deepEqual(written.cells[0].outputs[0].text, ['2\n'], 'cells before the failure keep their outputs');
    assert.match(written.cells[1].outputs.map((o: { text: string[] }) => o.text.join('')).join(''), /Error: boom/);
    assert.deepEqual(written.cells[2].outputs, []);
    assertClean(box, source, checksum);
  });
});

test('a cell that never ends is stopped by --timeout, reported by cell, and its kernel is killed', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('loops.ipynb', ['1 + 1', 'while (true) {}']);
    const checksum = sha256(source);
    const result = await runRunner(box, [source, '--out', join(box.root, 'out'), '--timeout', '1']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /loops\.ipynb: cell 2\/2 timed out/);
    assert.match(result.stderr, /\| while \(true\) \{\}/);
    assert.match(result.stderr, /1 s per-cell timeout/);
    assert.ok(result.seconds < 30, `stopped promptly (${result.seconds} s)`);
    assertClean(box, source, checksum);
  });
});

test('a cell that exits the kernel process is reported as a dead kernel, without hanging', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('exits.ipynb', ['1 + 1', 'process.exit(3)', '2 + 2']);
    const checksum = sha256(source);
    const result = await runRunner(box, [source, '--out', join(box.root, 'out')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /exits\.ipynb: cell 2\/3 killed the kernel/);
    assert.match(result.stderr, /exited with code 3/);
    assertClean(box, source, checksum);
  });
});

test('a missing tslab is reported as "no kernel" and nothing is written', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('any.ipynb', ['1 + 1']);
    const checksum = sha256(source);
    const out = join(box.root, 'out');
    const result = await runRunner(box, [source, '--out', out], { env: { CONVKIT_TSLAB: join(box.root, 'no-such', 'tslab') } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /any\.ipynb: no kernel/);
    assert.match(result.stderr, /tslab kernel not found at .*no-such/);
    assert.equal(existsSync(join(out, 'any.ipynb')), false);
    assertClean(box, source, checksum);
  });
});

test('a kernel that exits while starting is reported with its own output', async () => {
  await withSandbox(async (box) => {
    const fake = join(box.root, 'broken-tslab.js');
    writeFileSync(fake, 'console.error("cannot bind: address in use"); process.exit(5);');
    const source = box.notebook('any.ipynb', ['1 + 1']);
    const checksum = sha256(source);
    const result = await runRunner(box, [source, '--out', join(box.root, 'out')], { env: { CONVKIT_TSLAB: fake } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /kernel did not start/);
    assert.match(result.stderr, /exited with code 5 before it was ready/);
    assert.match(result.stderr, /cannot bind: address in use/);
    assertClean(box, source, checksum);
  });
});

test('a kernel that cannot bind its ports is retried with new ones, then reported at once rather than awaited', async () => {
  await withSandbox(async (box) => {
    const fake = join(box.root, 'unbindable-tslab.js');
    const starts = join(box.root, 'starts.log');
    writeFileSync(
      fake,
      `require('fs').appendFileSync(${JSON.stringify(starts)}, process.argv[process.argv.length - 1] + '\\n');
       console.error("Error: bind EADDRINUSE 127.0.0.1"); setInterval(() => {}, 1000);`,
    );
    const source = box.notebook('any.ipynb', ['1 + 1']);
    const checksum = sha256(source);
    const result = await runRunner(box, [source, '--out', join(box.root, 'out')], { env: { CONVKIT_TSLAB: fake } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /kernel did not start/);
    assert.match(result.stderr, /taken by another process/);
    assert.ok(result.seconds < 30, `no minute-long wait for kernel_info (${result.seconds} s)`);
    const connectionFiles = readFileSync(starts, 'utf8').trim().split('\n');
    assert.equal(connectionFiles.length, 3, 'three attempts');
    assert.equal(new Set(connectionFiles).size, 3, 'each with a new connection file (new ports)');
    assertClean(box, source, checksum);
  });
});

test('a corrupt notebook is one line of bad input (exit 2) naming the file, and no kernel starts', async () => {
  await withSandbox(async (box) => {
    const good = box.notebook('good.ipynb', ['1 + 1']);
    const corrupt = join(box.root, 'corrupt.ipynb');
    writeFileSync(corrupt, '{"nbformat": 4, "cells": [ {"cell_type": "code", ');
    const old = join(box.root, 'old.ipynb');
    writeFileSync(old, JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [] }));
    const sums = [good, corrupt, old].map(sha256);
    for (const [bad, rule] of [
      [corrupt, /must be valid \.ipynb JSON/],
      [old, /must be nbformat 4 \(found nbformat 3\)/],
    ] as const) {
      const result = await runRunner(box, [good, bad, '--out', join(box.root, 'out')]);
      assert.equal(result.code, 2);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.ok(lines[0]!.includes(bad), 'the message names the file');
      assert.match(lines[0]!, rule);
    }
    assert.deepEqual([good, corrupt, old].map(sha256), sums);
    assert.equal(existsSync(join(box.root, 'out', 'good.ipynb')), false, 'notebooks are checked before any runs');
    assert.deepEqual(leftovers(box.tmp).connectionFolders, []);
  });
});

test('stopping the runner itself (SIGTERM) mid-cell shuts its kernel down', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('slow.ipynb', ['await new Promise((resolve) => setTimeout(resolve, 60_000));']);
    const checksum = sha256(source);
    const result = await runRunner(box, [source, '--out', join(box.root, 'out')], {
      whileRunning: (child) => {
        // Signal once the kernel is up and the cell is running (its progress line is not out yet).
        void waitUntil(() => leftovers(box.tmp).processes.length > 0, 20_000)
          .then(() => new Promise((r) => setTimeout(r, 3000)))
          .then(() => child.kill('SIGTERM'));
      },
    });
    assert.equal(result.code, 143, result.stderr);
    assert.match(result.stderr, /SIGTERM, shutting the kernel down/);
    // If the cell's report gets out before the exit, it says the run was stopped, not that the cell killed its kernel.
    assert.doesNotMatch(result.stderr, /killed the kernel/);
    assertClean(box, source, checksum);
  });
});
