/**
 * Published ImageNet top-1 accuracies of the MobileNets, with their sources
 * (data/reference/accuracy/imagenet-top1.json), set next to the MACs and weights our
 * cost model computes for the same networks. Accuracy cannot be computed
 * here — it is the one column that comes from the papers.
 */
import { summarize } from '../../cost/summary';
import { dataPath } from '../../data/data-file';
import { ConvkitInputError } from '../../core/errors';
import { buildModelSpec, isModelName, type ZooOptions } from '../../models/zoo';
import { readPublishedModels, type PaperSource } from '../published-accuracy';
import { totalKernelWeights } from '../../published/kernel-weights';

export type Top1Source = PaperSource;

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
  return readPublishedModels<PublishedTop1>(file, ['top1Percent', 'publishedMillionMacs', 'publishedMillionParams'], (entry, where) => {
    if (!isModelName(entry.model)) throw new ConvkitInputError(`${where}.model`, entry.model, 'must be a zoo model name');
  });
}

/** Every published network with our computed MACs and weights beside it. */
export function generationsTable(entries: readonly PublishedTop1[] = loadImageNetTop1()): GenerationRow[] {
  return entries.map((entry) => {
    const summary = summarize(buildModelSpec(entry.model, entry.options));
    return { ...entry, macs: summary.macs, weights: totalKernelWeights(summary.rows) };
  });
}
