/**
 * The happy path through the real tslab kernel, in-process: what lands in the
 * executed notebook (streams merged, displays updated in place, counts, ids),
 * the progress lines, where files go, and that the kernel is gone afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kernel } from '../../src/notebook/kernel';
import { runNotebooks } from '../../src/notebook/run-notebooks';
import { sha256, withSandbox } from './throwaway';

const CELLS = [
  'console.log("first");\nconsole.log("second");',
  { source: '# A heading between code cells', markdown: true },
  'import { newDisplay, display } from "tslab";\nconst progress = newDisplay();\nprogress.text("epoch 1");\ndisplay.html("<b>bold</b>");',
  '   ',
  'const answer: number = 6 * 7;\nanswer',
  'progress.text("epoch 3");\nconsole.error("a warning");',
];

test('a notebook runs top to bottom into the output folder, with Jupyter-shaped outputs and the source untouched', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('happy.ipynb', CELLS);
    const checksum = sha256(source);
    const out = join(box.root, 'out');
    const progress: string[] = [];
    let kernel: Kernel | undefined;
    const summary = await runNotebooks([source], { outDir: out, progress: (line) => progress.push(line), onKernel: (k) => (kernel = k) });

    assert.equal(summary.failed, null);
    assert.equal(sha256(source), checksum);
    assert.deepEqual(readdirSync(out), ['happy.ipynb'], 'one file, no temp files');
    const nb = JSON.parse(readFileSync(join(out, 'happy.ipynb'), 'utf8'));
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.nbformat_minor, 5);
    assert.deepEqual(
      nb.cells.map((c: { id: string }) => c.id),
      CELLS.map((_, i) => `cell-${i}`),
      'cell ids are kept',
    );
    assert.deepEqual(
      nb.cells.map((c: { execution_count?: number | null }) => c.execution_count),
      [1, undefined, 2, null, 3, 4],
      'blank cells are skipped',
    );

    assert.deepEqual(nb.cells[0].outputs, [{ name: 'stdout', output_type: 'stream', text: ['first\n', 'second\n'] }], 'consecutive stdout merges');
    assert.deepEqual(
      nb.cells[2].outputs,
      [
        { data: { 'text/plain': ['epoch 3'] }, metadata: {}, output_type: 'display_data' },
        { data: { 'text/html': ['<b>bold</b>'] }, metadata: {}, output_type: 'display_data' },
      ],
      'the display shown in cell 3 was updated from cell 6',
    );
    assert.deepEqual(nb.cells[4].outputs, [{ name: 'stdout', output_type: 'stream', text: ['42\n'] }]);
    assert.deepEqual(nb.cells[5].outputs, [{ name: 'stderr', output_type: 'stream', text: ['a warning\n'] }], 'stderr alone is not a failure');

    assert.equal(progress.length, 4, 'one progress line per executed cell');
    for (const line of progress) assert.match(line, /happy\.ipynb {2}cell \d+\/6 {2}\d+\.\d\d s$/);
    assert.match(progress[0]!, /cell 1\/6/);
    assert.match(progress[3]!, /cell 6\/6/);

    assert.ok(kernel, 'a kernel was started');
    assert.equal(kernel.alive, false, 'the kernel process has exited');
    assert.equal(existsSync(kernel.connectionFile), false, 'its connection file is removed');
    assert.equal(kernel.rejectedMessages, 0, 'every message from the kernel carried a valid signature');
  });
});

test('--inplace writes the outputs back into the notebook itself', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('inplace.ipynb', ['console.log(2 ** 10)']);
    const summary = await runNotebooks([source], { inplace: true });
    assert.equal(summary.results[0]!.written, source);
    const nb = JSON.parse(readFileSync(source, 'utf8'));
    assert.deepEqual(nb.cells[0].outputs[0].text, ['1024\n']);
    assert.deepEqual(readdirSync(box.notebooks).sort(), ['inplace.ipynb'], 'no temp file beside it');
  });
});

test('--inplace never overwrites a notebook whose run failed', async () => {
  await withSandbox(async (box) => {
    const source = box.notebook('broken.ipynb', ['throw new Error("no")']);
    const checksum = sha256(source);
    const summary = await runNotebooks([source], { inplace: true });
    assert.equal(summary.failed?.run.failure?.kind, 'cell-error');
    assert.equal(summary.results[0]!.written, null);
    assert.equal(sha256(source), checksum);
  });
});
