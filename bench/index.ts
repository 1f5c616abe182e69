/**
 * `npm run bench`: every bench/*.bench.ts in one run, one after another, so
 * the ratios each prints are measured side by side on the same machine state.
 * A benchmark, not a test: it prints figures and never fails on a threshold.
 * `npm run bench -- NAME…` runs only the benches whose file name contains NAME.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  run(): Promise<void> | void;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  for (const file of files) {
    console.log(`\n=== ${file.replace('.bench.ts', '')} ===`);
    const started = process.hrtime.bigint();
    const bench = (await import(join(__dirname, file))) as BenchModule;
    await bench.run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`(${file}: ${seconds.toFixed(2)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
