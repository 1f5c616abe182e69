/**
 * `npm start`: everything a learner or teacher needs, from a fresh clone.
 *
 *   build src/ → lib/ when lib/ is behind src/ (`scripts/build.mjs --if-stale`,
 *   run by the npm script before this file, which is itself lib/main.js)
 *   ─► execute the lessons, notebooks/*.ipynb, in order into build/notebooks/
 *   ─► build the lecture notes from those executed copies into build/site/
 *   ─► print where things are
 *
 * The reference solutions (notebooks/solutions/*.ipynb) are not part of the
 * lecture notes, so they are not run here; `convkit run` with no names and
 * `npm run notebooks:update` run them after the lessons.
 *
 * Stops at the first failing notebook with its report (exit code 1); the
 * committed notebooks are never modified (see `npm run notebooks:update`).
 */
import { basename, join, relative, resolve } from 'node:path';
import { answerKey } from './exercises/answer-key';
import { exerciseSheet } from './exercises/sheet';
import { formatFailure } from './notebook/execute-notebook';
import { shutdownKernelsOnSignals } from './notebook/kernel';
import { formatResultLine, listNotebooks, runNotebooks } from './notebook/run-notebooks';

const REPO = resolve(__dirname, '..');
const NOTEBOOKS_DIR = join(REPO, 'notebooks');
const NOTEBOOKS_OUT = join(REPO, 'build', 'notebooks');
const SITE_OUT = join(REPO, 'build', 'site');
/** The course's front page text (what, for whom, how to run, licence); the site adds the lesson table. */
const FRONT_PAGE = join(NOTEBOOKS_DIR, 'course.md');

/** The lesson number of `file` ('04-….ipynb' → '04'), or undefined for lesson 00 (no exercises) and any other file. */
function lessonNumber(file: string): string | undefined {
  return /^(0[1-9])-/.exec(file)?.[1];
}

async function main(): Promise<number> {
  shutdownKernelsOnSignals('npm start');
  // The lessons only (not notebooks/solutions/): they are what the lecture notes show.
  const notebooks = listNotebooks(NOTEBOOKS_DIR);
  console.error(`Running the ${notebooks.length} lesson notebooks through the tslab kernel…`);
  const summary = await runNotebooks(
    notebooks.map((path) => relative(process.cwd(), path) || path),
    {
      outDir: NOTEBOOKS_OUT,
      progress: (line) => process.stderr.write(line + '\n'),
      onResult: (result) => process.stderr.write(formatResultLine(result) + '\n'),
    },
  );
  if (summary.failed?.run.failure) {
    console.error(formatFailure(summary.failed.source, summary.failed.run.failure));
    return 1;
  }
  const written = summary.results.filter((result) => result.written !== null);
  const executed = written.map((result) => result.written as string);

  // Loaded only now: the site builder's markdown, KaTeX and highlighting
  // modules are not needed while the notebooks run.
  const { buildSite } = await import('./notebook/site');
  const lessons = executed.map((path) => lessonNumber(basename(path)));
  try {
    // The front page's table shows how long each lesson took to run, as measured just now.
    await buildSite({
      notebooks: executed,
      outDir: SITE_OUT,
      frontPage: FRONT_PAGE,
      runSeconds: written.map((result) => result.run.totalSeconds),
      sheets: lessons.map((lesson) => (lesson === undefined ? undefined : exerciseSheet(lesson).questions)),
      keys: lessons.map((lesson) => (lesson === undefined ? undefined : answerKey(lesson).entries)),
    });
  } catch (error) {
    console.error(`Executed notebooks are in ${relative(process.cwd(), NOTEBOOKS_OUT)}/, but building the lecture notes failed:`);
    throw error;
  }
  console.log(
    [
      '',
      `executed lessons:   ${relative(process.cwd(), NOTEBOOKS_OUT)}/ (${executed.length}; the solutions run with \`npx convkit run\`)`,
      `lecture notes:      ${relative(process.cwd(), join(SITE_OUT, 'index.html'))} (with an exercise sheet and an answer key per lesson)`,
      'open the notebooks: npm run kernel:install, then JupyterLab or VS Code on notebooks/ (see README)',
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error && error.name === 'ConvkitInputError' ? `convkit: ${error.message}` : error);
    process.exit(1);
  },
);
