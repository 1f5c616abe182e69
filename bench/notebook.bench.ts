/**
 * `npm run bench -- notebook`: what running notebooks costs on this machine.
 *
 * - notebook 00 end to end (kernel start, each cell, total) through the runner;
 * - the lecture-notes build from that executed notebook;
 * - the runner's own overhead per cell: a notebook of 50 `1 + 1` cells,
 *   (total − kernel start) / 50 — the Jupyter round trip plus tslab's
 *   per-cell compile, target < 100 ms;
 * - the same 50 cells under Jupyter's nbclient (nbconvert), if installed,
 *   for a side-by-side ratio;
 * - output bursts: one cell printing 1,000 and 100,000 lines, beside a
 *   one-line cell, with the lines kept (every one, since kernel-preload.cjs).
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
    console.log(
      `notebook 00: total ${fmt(nb00.totalSeconds)} = kernel start ${fmt(nb00.kernelStartSeconds)} + ${nb00.cellSeconds.length} cells ${fmt(nb00.cellSeconds.reduce((a, b) => a + b, 0))} (slowest cell ${fmt(slowest)})`,
    );
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
    const jupyterEnv = { ...process.env, JUPYTER_PATH: join(scratch, 'share', 'jupyter'), JUPYTER_RUNTIME_DIR: join(scratch, 'runtime') };
    if (python) {
      spawnSync(process.execPath, [join(REPO, 'scripts', 'kernel-install.mjs'), '--prefix', scratch], { encoding: 'utf8' });
      const started = process.hrtime.bigint();
      const result = spawnSync(python, ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--output-dir', join(scratch, 'nbc'), trivialPath], {
        env: jupyterEnv,
        encoding: 'utf8',
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (result.status === 0) {
        console.log(
          `nbconvert, same ${TRIVIAL_CELLS} cells (incl. Python start-up and kernel start): ${fmt(seconds)}; convkit runner / nbconvert = ${(trivial.totalSeconds / seconds).toFixed(2)}`,
        );
      } else {
        console.log(`nbconvert failed: ${(result.stderr ?? '').split('\n').slice(-3).join(' ')}`);
      }
    } else {
      console.log('nbconvert: not installed, comparison skipped');
    }

    // 5. Output bursts (a logging loop is where lost lines and time-outs would show):
    //    one cell printing N lines of 99 characters, beside a one-line cell in the
    //    same kernel, so the ratio says what a line of output costs here.
    for (const lines of BURST_LINES) {
      const burstPath = join(scratch, `burst-${lines}.ipynb`);
      writeFileSync(burstPath, notebookJson(['console.log("y".repeat(99))', `for (let i = 0; i < ${lines}; i++) console.log("y".repeat(99))`]));
      const burst = await executeNotebook(readNotebook(burstPath), burstPath);
      if (burst.failure) throw new Error(`burst of ${lines} lines failed: ${burst.failure.detail}`);
      const cell = burst.notebook.cells[1];
      const kept = savedLines(cell?.cell_type === 'code' ? cell.outputs : []);
      const [one, many] = burst.cellSeconds as [number, number];
      console.log(
        `burst of ${lines.toLocaleString('en')} lines: cell ${fmt(many)} vs one-line cell ${fmt(one)} (ratio ${(many / one).toFixed(1)}), ` +
          `${((many / lines) * 1e6).toFixed(1)} µs/line, lines kept ${kept.toLocaleString('en')} of ${lines.toLocaleString('en')}`,
      );
      // The same notebook under nbclient (whole run: Python, kernel start, both cells), beside the runner's whole run.
      if (python && lines <= 1_000) {
        const started = process.hrtime.bigint();
        const result = spawnSync(python, ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--output-dir', join(scratch, 'nbc'), burstPath], {
          env: jupyterEnv,
          encoding: 'utf8',
        });
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        console.log(
          result.status === 0
            ? `  nbconvert, same notebook: ${fmt(seconds)}; convkit runner (total ${fmt(burst.totalSeconds)}) / nbconvert = ${(burst.totalSeconds / seconds).toFixed(2)}`
            : `  nbconvert failed: ${(result.stderr ?? '').split('\n').slice(-3).join(' ')}`,
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const BURST_LINES = [1_000, 100_000];

/** Lines saved in a cell's stdout streams. */
function savedLines(outputs: readonly { output_type: string; name?: string; text?: string | string[] }[]): number {
  return outputs
    .filter((o) => o.output_type === 'stream' && o.name === 'stdout')
    .map((o) => (Array.isArray(o.text) ? o.text.join('') : (o.text ?? '')))
    .join('')
    .split('\n')
    .filter((line) => line.length > 0).length;
}
