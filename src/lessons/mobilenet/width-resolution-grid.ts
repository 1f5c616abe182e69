/**
 * MobileNet v1's two shrinking knobs (Howard et al. 2017, arXiv:1704.04861,
 * §3.3–3.4): the width multiplier α thins every layer, the resolution ρ
 * shrinks the input. MACs fall by about α²·ρ²; the weights fall by about α²
 * and do not depend on the resolution at all. Tables 6 and 7 of the paper
 * print a few points of this grid; here the whole α × resolution grid is
 * recomputed from the spec, next to the printed figures where there are any
 * (data/reference/mobilenet-v1.json, Tables 4, 6 and 7).
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../../cost/summary';
import { dataPath } from '../../data/data-file';
import { ConvkitInputError } from '../../core/errors';
import { buildModelSpec } from '../../models/zoo';
import { totalKernelWeights } from '../../published/kernel-weights';

/** The paper's width multipliers (Table 6) and resolutions (Table 7). */
export const PAPER_ALPHAS: readonly number[] = [1, 0.75, 0.5, 0.25];
export const PAPER_RESOLUTIONS: readonly number[] = [224, 192, 160, 128];

export interface GridPoint {
  readonly alpha: number;
  readonly resolution: number;
  /** Multiply-adds of the whole network, batch of one. */
  readonly macs: number;
  /** Kernel weights (the paper's "parameters"). */
  readonly weights: number;
  /** The paper's printed figures for this point, when Table 4, 6 or 7 has it. */
  readonly publishedMillionMacs?: number;
  readonly publishedMillionWeights?: number;
  /** Which table printed it. */
  readonly publishedIn?: string;
}

interface ReferenceEntry {
  readonly id: string;
  readonly options: { alpha?: number; resolution?: number };
  readonly quantity: string;
  readonly value: number;
  readonly source: { table: string };
}

function publishedPoints(): ReferenceEntry[] {
  const parsed = JSON.parse(readFileSync(dataPath('reference', 'mobilenet-v1.json'), 'utf8')) as { entries: ReferenceEntry[] };
  return parsed.entries.filter((e) => /^mobilenet-v1\/table[467]\//.test(e.id));
}

/**
 * MACs and weights of MobileNet v1 at every α × resolution pair (default:
 * the paper's four each, 16 networks), in the order alphas × resolutions.
 */
export function widthResolutionGrid(alphas: readonly number[] = PAPER_ALPHAS, resolutions: readonly number[] = PAPER_RESOLUTIONS): GridPoint[] {
  if (!Array.isArray(alphas) || alphas.length === 0) throw new ConvkitInputError('alphas', alphas, 'must be a non-empty array of width multipliers');
  if (!Array.isArray(resolutions) || resolutions.length === 0) {
    throw new ConvkitInputError('resolutions', resolutions, 'must be a non-empty array of input sizes');
  }
  const published = publishedPoints();
  const points: GridPoint[] = [];
  for (const alpha of alphas) {
    for (const resolution of resolutions) {
      const summary = summarize(buildModelSpec('mobilenet-v1', { alpha, resolution }));
      const here = published.filter((e) => (e.options.alpha ?? 1) === alpha && (e.options.resolution ?? 224) === resolution);
      const macsEntry = here.find((e) => e.quantity === 'macs');
      const weightsEntry = here.find((e) => e.quantity === 'weights');
      points.push({
        alpha,
        resolution,
        macs: summary.macs,
        weights: totalKernelWeights(summary.rows),
        ...(macsEntry ? { publishedMillionMacs: macsEntry.value, publishedIn: macsEntry.source.table } : {}),
        ...(weightsEntry ? { publishedMillionWeights: weightsEntry.value } : {}),
      });
    }
  }
  return points;
}
