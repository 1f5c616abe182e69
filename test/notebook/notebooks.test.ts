/**
 * The committed notebooks reproduce: every notebooks/*.ipynb is executed
 * again (a) by convkit's runner and (b) by Jupyter's own client (nbconvert /
 * nbclient, with the kernelspec `npm run kernel:install` writes), and every
 * output must equal the committed one (see src/notebook/compare-outputs.ts
 * for the little that is normalised). Cells tagged `nondeterministic` only
 * have to run.
 *
 * Both parts live in this one file so the compiled kit in lib/ is rebuilt at
 * most once (when a source is newer than it) and never while a notebook
 * imports it; nbconvert runs in the background while convkit's runner works,
 * so the two clients overlap. To accept new outputs: `npm run notebooks:update`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compareNotebookOutputs, formatDifferences } from '../../src/notebook/compare-outputs';
import { executeNotebook, formatFailure } from '../../src/notebook/execute-notebook';
import { CONVKIT_KERNELSPEC, readNotebook, type CodeCell } from '../../src/notebook/nbformat';
import { defaultNotebooks } from '../../src/notebook/run-notebooks';
import { notebookJson, REPO } from './throwaway';

// The lessons, then their reference solutions (which must show "correct" for every exercise).
const NOTEBOOKS = defaultNotebooks(join(REPO, 'notebooks'));
const relative = (path: string): string => path.slice(REPO.length + 1);

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
  }
  return newest;
}

/** Rebuilds lib/ when it is missing or older than a source file (scripts/test.mjs normally did it already). */
function ensureBuilt(): void {
  const index = join(REPO, 'lib', 'index.js');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(REPO, 'src'))) return;
  const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--lenient'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(build.status, 0, `building lib/ failed:\n${build.stderr}`);
}

test('there is at least notebook 00, and every notebook names the convkit kernelspec', () => {
  assert.ok(NOTEBOOKS.some((path) => path.endsWith('00-start-here.ipynb')));
  for (const path of NOTEBOOKS) {
    const kernelspec = readNotebook(path).metadata.kernelspec as { name?: string } | undefined;
    assert.equal(kernelspec?.name, CONVKIT_KERNELSPEC.name, `${relative(path)}: metadata.kernelspec.name`);
  }
});

test('a notebook cell imports the compiled kit from "../lib" with its types: values compute, type errors fail the cell', async () => {
  ensureBuilt();
  // A throwaway notebook in build/ (git-ignored, one level below the repo like notebooks/), so "../lib" means the same.
  mkdirSync(join(REPO, 'build'), { recursive: true });
  const path = join(REPO, 'build', `import-test-${process.pid}-${Date.now()}.ipynb`);
  try {
    writeFileSync(
      path,
      notebookJson([
        'import { summarize, buildModelSpec } from "../lib";\nconst macs: number = summarize(buildModelSpec("mobilenet-v1")).macs;\nconsole.log(macs > 500e6 && macs < 600e6);',
        'const wrong: string = summarize(buildModelSpec("mobilenet-v1")).macs;',
      ]),
    );
    const run = await executeNotebook(readNotebook(path), path);
    const [first] = run.notebook.cells as CodeCell[];
    assert.deepEqual(
      first!.outputs,
      [{ output_type: 'stream', name: 'stdout', text: ['true\n'] }],
      'MobileNet v1 1.0-224 has ~569 million MACs (Howard et al. 2017, Table 8)',
    );
    assert.equal(run.failure?.kind, 'cell-error');
    assert.equal(run.failure?.cellNumber, 2);
    assert.match(run.failure?.detail ?? '', /Type 'number' is not assignable to type 'string'/);
  } finally {
    rmSync(path, { force: true });
  }
});

test('every notebook re-executed by convkit run reproduces its committed outputs', async (t) => {
  ensureBuilt();
  // Jupyter's client runs the same notebooks alongside (checked in the next test).
  nbconvertAll().catch(() => undefined);
  for (const path of NOTEBOOKS) {
    await t.test(relative(path), async () => {
      const committed = readNotebook(path);
      const run = await executeNotebook(committed, relative(path));
      assert.equal(run.failure, null, run.failure ? formatFailure(relative(path), run.failure) : '');
      const differences = compareNotebookOutputs(committed, run.notebook);
      assert.equal(
        differences.length,
        0,
        `outputs differ from the committed ones (refresh with npm run notebooks:update if intended):\n${formatDifferences(relative(path), committed, differences)}`,
      );
    });
  }
});

/** A Python that has nbconvert + nbclient: Debian's (apt python3-nbconvert) first, then whatever python3 is on PATH. */
function findNbconvertPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import nbconvert, nbclient, jupyter_client'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

interface NbconvertOutcome {
  readonly status: number | null;
  readonly stderr: string;
  /** The executed copy nbconvert wrote. */
  readonly output: string;
}

let scratch: string | null = null;
let nbconvertJob: Promise<Map<string, NbconvertOutcome> | null> | null = null;

/**
 * Executes every notebook with nbconvert, one after another, in the
 * background: started by the convkit-run test so the two clients overlap,
 * awaited by the nbconvert test. Null when nbconvert is not installed.
 */
function nbconvertAll(): Promise<Map<string, NbconvertOutcome> | null> {
  nbconvertJob ??= (async () => {
    const python = findNbconvertPython();
    if (!python) return null;
    ensureBuilt();
    scratch = mkdtempSync(join(tmpdir(), 'convkit-nbconvert-'));
    const install = spawnSync(process.execPath, [join(REPO, 'scripts', 'kernel-install.mjs'), '--prefix', scratch], { encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const env = {
      ...process.env,
      JUPYTER_PATH: join(scratch, 'share', 'jupyter'),
      JUPYTER_RUNTIME_DIR: join(scratch, 'runtime'),
      JUPYTER_CONFIG_DIR: join(scratch, 'config'),
      PYDEVD_DISABLE_FILE_VALIDATION: '1',
    };
    const out = join(scratch, 'out');
    const outcomes = new Map<string, NbconvertOutcome>();
    for (const path of NOTEBOOKS) {
      const args = ['-m', 'nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=300', '--output-dir', out, path];
      const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(python, args, { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
        let text = '';
        child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
        const guard = setTimeout(() => child.kill('SIGKILL'), 900_000);
        child.on('close', (code) => {
          clearTimeout(guard);
          resolve({ status: code, stderr: text });
        });
      });
      outcomes.set(path, { status, stderr, output: join(out, basename(path)) });
    }
    return outcomes;
  })();
  return nbconvertJob;
}

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('every notebook runs unchanged under Jupyter nbconvert with the registered kernelspec, with the same outputs', async (t) => {
  const outcomes = await nbconvertAll();
  if (!outcomes) {
    t.skip('nbconvert is not installed (apt-get install python3-nbconvert python3-nbclient python3-ipykernel; .ci/run does it)');
    return;
  }
  for (const path of NOTEBOOKS) {
    await t.test(relative(path), () => {
      const outcome = outcomes.get(path)!;
      assert.equal(outcome.status, 0, `nbconvert failed on ${relative(path)}:\n${outcome.stderr.split('\n').slice(-30).join('\n')}`);
      const committed = readNotebook(path);
      const differences = compareNotebookOutputs(committed, readNotebook(outcome.output));
      assert.equal(differences.length, 0, `nbconvert's outputs differ from the committed ones:\n${formatDifferences(relative(path), committed, differences)}`);
    });
  }
  const runtime = join(scratch!, 'runtime');
  const left = existsSync(runtime) ? readdirSync(runtime).filter((f) => f.startsWith('kernel-')) : [];
  assert.deepEqual(left, [], 'Jupyter removed its connection files');
});
