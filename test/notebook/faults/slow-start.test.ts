/**
 * A loaded machine must not change the runner's verdict. The kernel's
 * start-up limit counts the kernel's own CPU time (kernel.ts, waitReady):
 * a kernel that is merely waiting — for a CPU, here for a timer — starts and
 * runs however long that takes on the clock, while one that burns its CPU
 * budget without answering is reported promptly. Under heavy load a
 * wall-clock limit of 60 s turns a slow but healthy start into "kernel did
 * not start" (test/notebook/runner-failures.test.ts, "a cell that exits the
 * kernel process …", failed that way; reproduced by throttling the kernel
 * to 10 % of a CPU with SIGSTOP/SIGCONT).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTslabBin } from '../../../src/notebook/kernel';
import { runNotebooks } from '../../../src/notebook/run-notebooks';
import { leftovers, withSandbox, type Sandbox } from '../throwaway';

/** Runs with TMPDIR = box.tmp, so the kernel's connection file and process can be checked there. */
async function inSandboxTmp<T>(box: Sandbox, work: () => Promise<T>): Promise<T> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = box.tmp;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

test('a kernel that is slow on the clock but not on its CPU starts, and the notebook runs', async () => {
  await withSandbox(async (box) => {
    const slow = join(box.root, 'slow-tslab.js');
    // Idle for 8 s, then the real tslab: 8 s of wall time beyond a 6 s limit, almost no CPU.
    writeFileSync(slow, `setTimeout(() => require(${JSON.stringify(defaultTslabBin())}), 8000);`);
    const source = box.notebook('exits.ipynb', ['1 + 1', 'process.exit(3)', '2 + 2']);
    const summary = await inSandboxTmp(box, () => runNotebooks([source], { outDir: join(box.root, 'out'), tslabBin: slow, startTimeoutSeconds: 6 }));
    const failure = summary.failed?.run.failure;
    assert.equal(failure?.kind, 'kernel-died', JSON.stringify(failure));
    assert.equal(failure?.cellNumber, 2);
    assert.match(failure!.detail, /exited with code 3/);
    assert.deepEqual(leftovers(box.tmp), { connectionFolders: [], processes: [] });
  });
});

test('a kernel that burns its CPU budget without answering is reported, naming the CPU time', async () => {
  await withSandbox(async (box) => {
    const spinning = join(box.root, 'spinning-tslab.js');
    writeFileSync(spinning, 'for (;;) {}');
    const source = box.notebook('any.ipynb', ['1 + 1']);
    const summary = await inSandboxTmp(box, () => runNotebooks([source], { outDir: join(box.root, 'out'), tslabBin: spinning, startTimeoutSeconds: 1 }));
    const failure = summary.failed?.run.failure;
    assert.equal(failure?.kind, 'kernel-start');
    assert.match(failure!.detail, /did not answer kernel_info_request within \d+ s \(\d+\.\d s of its own CPU time; the limit is 1 s of CPU\)/);
    assert.deepEqual(leftovers(box.tmp), { connectionFolders: [], processes: [] }, 'the spinning kernel was killed, its file removed');
  });
});
