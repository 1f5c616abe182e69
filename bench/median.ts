/**
 * The median the benchmarks report: the middle value, or the mean of the two
 * middle values for an even count. A median rather than a mean because on
 * this shared 2-core machine a few runs are slowed by other processes, and
 * those outliers should not move the figure.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
