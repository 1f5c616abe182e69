/**
 * `npm run bench -- notebook`: what running notebooks costs on this machine.
 *
 * - notebook 00 end to end (kernel start, each cell, total) through the runner;
 * - the lecture-notes build from that executed notebook;
 * - the runner's own overhead per cell: a notebook of 50 `1 + 1` cells,
 *   (total − kernel start) / 50 — the Jupyter round trip plus tslab's
 *   per-cell compile, target < 100 ms;
 * - the same 50 cells under Jupyter's nbclient (nbconvert), if installed,
 *   for a side-by-side ratio.
 * Needs lib/ built (npm run build) for notebook 00.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { executeNotebook } from '../src/notebook/execute-notebook';
import { readNotebook, writeNotebook } from '../src/notebook/nbformat';
import { buildSite } from '../src/notebook/site';
import { notebookJson } from '../test/notebook/throwaway';

const REPO = resolve(__dirname, '..');
const TRIVIAL_CELLS = 50;

const fmt = (seconds: number): string => `${seconds.toFixed(2)} s`;

export async function run(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'convkit-bench-notebook-'));
  try {
    // 1. Notebook 00 end to end.
    const nb00Path = join(REPO, 'notebooks', '00-start-here.ipynb');
    const nb00 = await executeNotebook(readNotebook(nb00Path), 'notebooks/00-start-here.ipynb');
    if (nb00.failure) throw new Error(`notebook 00 failed: ${nb00.failure.detail}`);
    const slowest = Math.max(...nb00.cellSeconds);
    console.log(`notebook 00: total ${fmt(nb00.totalSeconds)} = kernel start ${fmt(nb00.kernelStartSeconds)} + ${nb00.cellSeconds.length} cells ${fmt(nb00.cellSeconds.reduce((a, b) => a + b, 0))} (slowest cell ${fmt(slowest)})`);
    const executed00 = join(scratch, '00-start-here.ipynb');
    writeNotebook(executed00, nb00.notebook);

    // 2. The lecture notes from it.
    const siteStarted = process.hrtime.bigint();
    await buildSite({ notebooks: [executed00], outDir: join(scratch, 'site') });
    console.log(`site from notebook 00: ${fmt(Number(process.hrtime.bigint() - siteStarted) / 1e9)}`);

    // 3. Runner overhead per trivial cell.
    const trivialPath = join(scratch, 'trivial.ipynb');
    writeFileSync(trivialPath, notebookJson(Array(TRIVIAL_CELLS).fill('1 + 1')));
    const trivial = await executeNotebook(readNotebook(trivialPath), trivialPath);
    if (trivial.failure) throw new Error(`trivial notebook failed: ${trivial.failure.detail}`);
    const perCellMs = ((trivial.totalSeconds - trivial.kernelStartSeconds) / TRIVIAL_CELLS) * 1000;
    console.log(
      `runner, ${TRIVIAL_CELLS} × "1 + 1": total ${fmt(trivial.totalSeconds)}, kernel start ${fmt(trivial.kernelStartSeconds)}, ` +
        `overhead ${perCellMs.toFixed(1)} ms/cell (target < 100 ms: ${perCellMs < 100 ? 'met' : 'NOT met'})`,
    );

    // 4. The same notebook under Jupyter's nbclient, side by side.
    const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import nbclient'], { encoding: 'utf8' }).status === 0);
    if (python) {
      spawnSync(process.execPath, [join(REPO, 'scripts', 'kernel-install.mjs'), '--prefix', scratch], { encoding: 'utf8' });
      const env = { ...process.env, JUPYTER_PATH: join(scratch, 'share', 'jupyter'), JUPYTER_RUNTIME_DIR: join(scratch, 'runtime') };
      const started = process.hrtime.bigint();
      const result = spawnSync(python, ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--output-dir', join(scratch, 'nbc'), trivialPath], { env, encoding: 'utf8' });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (result.status === 0) {
        console.log(`nbconvert, same ${TRIVIAL_CELLS} cells (incl. Python start-up and kernel start): ${fmt(seconds)}; convkit runner / nbconvert = ${(trivial.totalSeconds / seconds).toFixed(2)}`);
      } else {
        console.log(`nbconvert failed: ${(result.stderr ?? '').split('\n').slice(-3).join(' ')}`);
      }
    } else {
      console.log('nbconvert: not installed, comparison skipped');
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
