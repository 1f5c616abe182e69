/**
 * What one latency measurement says, in sentences written from its numbers.
 *
 * Lesson 04 times a standard, a depthwise, a pointwise and a separable
 * convolution (latency.ts). The times change from run
 * to run and machine to machine: on the shared machine these notes were made
 * on, the measured speed-up of the depthwise layer ranged from about 20× to
 * over 200× between runs, and which layer reached the highest GMAC/s changed
 * too. So the lesson does not type its reading of the table into the
 * markdown; it prints these sentences, which compare this run's numbers and
 * claim nothing the run did not show (as lesson 08 does with claims.ts).
 *
 * What does not change is the arithmetic per byte (MACs per byte column):
 * a layer with little of it tends to wait on memory. Whether it did in this
 * run is what the sentences report.
 */
import { ConvkitInputError } from '../../core/errors';
import type { ConvKind, LatencyRow } from './latency';

function rowOf(rows: readonly LatencyRow[], kind: ConvKind): LatencyRow {
  const row = rows.find((r) => r.kind === kind);
  if (row === undefined)
    throw new ConvkitInputError(
      'rows',
      rows.map((r) => r.kind),
      `must hold a ${kind} row (measureConvLatency gives all four)`,
    );
  return row;
}

const rate = (r: LatencyRow): string => `${r.gmacsPerSecond.toFixed(2)} GMAC/s`;
const times = (x: number): string => `${x.toFixed(1)}×`;

/**
 * The sentences lesson 04 prints under its latency table, one per line:
 * the layers ranked by achieved GMAC/s, how the depthwise and the separable
 * layer's measured speed-ups compare with the MAC ratio, and the depthwise
 * step's share of the separable layer's MACs and time.
 */
export function describeLatencyRun(rows: readonly LatencyRow[]): string[] {
  if (!Array.isArray(rows)) throw new ConvkitInputError('rows', rows, 'must be the rows of measureConvLatency');
  const standard = rowOf(rows, 'standard');
  const depthwise = rowOf(rows, 'depthwise');
  const pointwise = rowOf(rows, 'pointwise');
  const separable = rowOf(rows, 'separable');
  const ranked = [standard, depthwise, pointwise, separable].sort((a, b) => b.gmacsPerSecond - a.gmacsPerSecond);
  const lines = [`In this run, highest rate first: ${ranked.map((r) => `${r.kind} ${rate(r)}`).join(', ')}.`];

  lines.push(
    pointwise.gmacsPerSecond > standard.gmacsPerSecond
      ? `The pointwise matrix product (GEMM) ran at a higher rate than the standard 3×3: ${rate(pointwise)} against ${rate(standard)}.`
      : `The standard 3×3 ran at a higher rate than the pointwise matrix product (GEMM): ${rate(standard)} against ${rate(pointwise)}; ` +
          `a matrix product is not the fastest layer per se, and the standard layer does ${times(standard.macsPerByte / pointwise.macsPerByte)} as many MACs per byte.`,
  );

  const depthwiseLowest = ranked[ranked.length - 1] === depthwise;
  lines.push(
    `The depthwise layer ${depthwiseLowest ? 'had the lowest rate' : `ran at ${rate(depthwise)}, not the lowest rate`} ` +
      `(${depthwise.macsPerByte.toFixed(1)} MACs per byte); its measured speed-up over the standard layer was ${times(depthwise.measuredSpeedup)}, ` +
      `${depthwise.measuredSpeedup < depthwise.theoreticalSpeedup ? 'short of' : 'at or above'} the ${times(depthwise.theoreticalSpeedup)} its MACs promise.`,
  );

  const verdict = separable.measuredSpeedup >= separable.theoreticalSpeedup ? 'reached' : 'fell short of';
  lines.push(
    `The separable layer's measured speed-up was ${times(separable.measuredSpeedup)}: it ${verdict} the ${times(separable.theoreticalSpeedup)} its MACs promise in this run.`,
  );

  const macsShare = depthwise.macs / (depthwise.macs + pointwise.macs);
  const timeShare = depthwise.fastestMs / (depthwise.fastestMs + pointwise.fastestMs);
  lines.push(
    `Inside the separable layer the depthwise step has ${(100 * macsShare).toFixed(1)}% of the MACs and took ${(100 * timeShare).toFixed(1)}% of the time ` +
      `(each step timed as a layer of its own)${timeShare > macsShare ? ': a larger share of the time than of the work' : ''}.`,
  );
  return lines;
}
