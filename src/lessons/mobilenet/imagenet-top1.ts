/**
 * Published ImageNet top-1 accuracies of the MobileNets, with their sources
 * (data/reference/accuracy/imagenet-top1.json), set next to the MACs and weights our
 * cost model computes for the same networks. Accuracy cannot be computed
 * here — it is the one column that comes from the papers.
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../../cost/summary';
import { dataPath } from '../../data/data-file';
import { ConvkitInputError } from '../../errors';
import { buildModelSpec, isModelName, type ZooOptions } from '../../models/zoo';
import { totalKernelWeights } from './kernel-weights';

export interface Top1Source {
  readonly paper: string;
  readonly arxiv: string;
  readonly table: string;
}

export interface PublishedTop1 {
  /** Zoo model name, e.g. 'mobilenet-v2'. */
  readonly model: string;
  /** Zoo options (alpha, resolution) of the published network. */
  readonly options: ZooOptions;
  /** How the paper names it, e.g. '1.0 MobileNet-224'. */
  readonly label: string;
  /** ImageNet top-1 accuracy, percent, as printed. */
  readonly top1Percent: number;
  /** The paper's own multiply-adds and parameters, millions, as printed. */
  readonly publishedMillionMacs: number;
  readonly publishedMillionParams: number;
  readonly source: Top1Source;
}

export interface GenerationRow extends PublishedTop1 {
  /** Computed by the cost model. */
  readonly macs: number;
  /** Kernel weights, computed (the papers' parameter count). */
  readonly weights: number;
}

/** Reads and checks data/reference/accuracy/imagenet-top1.json (its list is under "models", not "entries"). */
export function loadImageNetTop1(file = dataPath('reference', 'accuracy', 'imagenet-top1.json')): PublishedTop1[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { models?: unknown };
  if (!Array.isArray(parsed.models)) throw new ConvkitInputError(`${file}: models`, typeof parsed.models, 'must be an array');
  return parsed.models.map((entry: PublishedTop1, index: number) => {
    const where = `${file}: models[${index}]`;
    if (!isModelName(entry.model)) throw new ConvkitInputError(`${where}.model`, entry.model, 'must be a zoo model name');
    for (const field of ['top1Percent', 'publishedMillionMacs', 'publishedMillionParams'] as const) {
      if (typeof entry[field] !== 'number' || !(entry[field] > 0)) throw new ConvkitInputError(`${where}.${field}`, entry[field], 'must be a positive number');
    }
    if (!entry.source?.paper || !entry.source.arxiv || !entry.source.table) {
      throw new ConvkitInputError(`${where}.source`, entry.source, 'must give paper, arxiv and table');
    }
    return entry;
  });
}

/** Every published network with our computed MACs and weights beside it. */
export function generationsTable(entries: readonly PublishedTop1[] = loadImageNetTop1()): GenerationRow[] {
  return entries.map((entry) => {
    const summary = summarize(buildModelSpec(entry.model, entry.options));
    return { ...entry, macs: summary.macs, weights: totalKernelWeights(summary.rows) };
  });
}
