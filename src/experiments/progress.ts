/**
 * The campaign's progress line: a bar, the share done, what is training,
 * the time so far and an estimate of the time left.
 *
 * Jobs differ in cost by 10× and more (a 56-layer net against a 20-layer
 * one), so progress is counted in work, not in epochs: an epoch of a job
 * weighs its network's multiply-adds per image (the cost model's) times its
 * training images. The estimate is this sitting's elapsed time over the work
 * done in this sitting, times the work left — work finished in an earlier
 * sitting is not counted as fast.
 */
export interface ProgressJob {
  readonly label: string;
  /** Work of one epoch (see above). */
  readonly epochWork: number;
  readonly epochs: number;
  /** Epochs already finished when this sitting began. */
  readonly doneBefore: number;
}

/** "1h02m", "4m05s", "12s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export class Progress {
  private readonly done: number[];
  private readonly partial: number[];
  private readonly running = new Set<number>();
  private readonly started: number;

  constructor(
    private readonly title: string,
    private readonly jobs: readonly ProgressJob[],
    private readonly now: () => number = () => performance.now() / 1000,
  ) {
    this.done = jobs.map((job) => job.doneBefore);
    this.partial = jobs.map(() => 0);
    this.started = now();
  }

  /** `done` of `steps` steps of job `job`'s current epoch are finished. */
  step(job: number, done: number, steps: number): void {
    this.running.add(job);
    this.partial[job] = done / steps;
  }

  epoch(job: number): void {
    this.done[job]++;
    this.partial[job] = 0;
  }

  finished(job: number): void {
    this.done[job] = this.jobs[job].epochs;
    this.partial[job] = 0;
    this.running.delete(job);
  }

  /** Work done and in total, counting only this sitting's work in `sitting`. */
  private work(): { total: number; done: number; sitting: number } {
    let total = 0;
    let done = 0;
    let sitting = 0;
    this.jobs.forEach((job, i) => {
      total += job.epochWork * job.epochs;
      const now = (this.done[i] + this.partial[i]) * job.epochWork;
      done += now;
      sitting += now - job.doneBefore * job.epochWork;
    });
    return { total, done, sitting };
  }

  elapsed(): number {
    return this.now() - this.started;
  }

  /** The line, `width` characters of bar. */
  line(width = 24): string {
    const { total, done, sitting } = this.work();
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const elapsed = this.elapsed();
    const eta = sitting > 0 ? formatDuration((elapsed / sitting) * (total - done)) : '…';
    const training = [...this.running].map((i) => `${this.jobs[i].label} (epoch ${Math.min(this.done[i] + 1, this.jobs[i].epochs)}/${this.jobs[i].epochs})`);
    const what = training.length === 0 ? '' : `  ${training.join(', ')}`;
    return `${this.title} ${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${formatDuration(elapsed)} elapsed, ETA ${eta}${what}`;
  }
}
