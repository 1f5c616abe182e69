/**
 * `convkit experiment NAME [--quick] [--seeds N] [--out DIR] [--workers N]`
 * and `convkit experiment --list`: the command-line face of ./campaign.ts.
 * stdout gets one line at the end (where the record went and how long it
 * took); the progress line goes to stderr.
 */
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import type { CliIo } from '../cli/io';
import { ConvkitInputError, requireInteger } from '../core/errors';
import { runExperiments } from './campaign';
import { EXPERIMENTS, experimentNamed } from './catalogue';
import { planCampaign } from './jobs';
import { formatDuration } from './progress';

export function experimentHelp(): string {
  const names = EXPERIMENTS.map((e) => `  ${e.name.padEnd(24)} ${e.title}`).join('\n');
  return `Usage: convkit experiment NAME|all [--quick] [--seeds N] [--out DIR] [--workers N]
       convkit experiment --list

Trains every run of the experiment with every seed on Fashion-MNIST and writes
the results (every epoch's loss and accuracies per seed, the cost model's
figures, versions, machine, wall time and this command) to DIR/NAME.json.
Killed, it continues from the last finished epoch when run again. 'all' runs
every experiment as one campaign, sharing the workers.

  --quick       a slice that trains in seconds (written to NAME.quick.json)
  --seeds N     seeds per run (default: the experiment's)
  --out DIR     where results go (default: data/experiments)
  --workers N   worker threads, each its own wasm backend (default: 2, or 1 on one core)

Experiments:
${names}
`;
}

export async function experimentCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    if (error instanceof ConvkitInputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ConvkitInputError('option', args.join(' '), `${message.split('\n')[0]} (see convkit experiment --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(experimentHelp());
    return 0;
  }
  if (values.list) {
    for (const e of EXPERIMENTS) {
      const plan = planCampaign(e, { quick: false, out: '.' });
      io.stdout(`${e.name.padEnd(24)} ${plan.jobs.length} jobs (${plan.plan.runs.length} runs × ${plan.seeds.length} seeds), ${e.source}\n`);
    }
    return 0;
  }
  if (positionals.length !== 1) {
    throw new ConvkitInputError('experiment', positionals.join(' ') || '(none)', `name exactly one of all, ${EXPERIMENTS.map((e) => e.name).join(', ')}`);
  }
  const name = positionals[0];
  const names = name === 'all' ? EXPERIMENTS.map((e) => e.name) : [experimentNamed(name).name];
  const seeds = values.seeds === undefined ? undefined : requireInteger('--seeds', Number(values.seeds));
  const workers = values.workers === undefined ? undefined : requireInteger('--workers', Number(values.workers));
  const out = values.out === undefined ? undefined : resolve(values.out);
  const command = ['npx convkit experiment', ...args].join(' ');
  const records = await runExperiments(names, { quick: values.quick, seeds, out, workers, command });
  for (const record of records) {
    if (record === undefined) continue;
    const file = `${record.experiment}${record.quick ? '.quick' : ''}.json`;
    io.stdout(
      `${record.experiment}: ${record.runs.length} runs × ${record.seeds.length} seeds in ${formatDuration(record.wallSeconds)}; results in ${out === undefined ? `data/experiments/${file}` : join(out, file)}\n`,
    );
  }
  return 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      seeds: { type: 'string' },
      out: { type: 'string' },
      workers: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
