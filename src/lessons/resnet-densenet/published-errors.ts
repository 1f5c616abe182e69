/**
 * Published CIFAR test errors of ResNets and DenseNets
 * (data/reference/accuracy/cifar-errors.json), set next to the parameters our cost
 * model computes for the same networks. The errors cannot be computed here:
 * training a CIFAR network takes GPU-days; they are the one column that comes
 * from the papers (He et al. 2016, arXiv:1512.03385, Table 6; Huang et al.
 * 2017, arXiv:1608.06993, Table 2).
 */
import { summarize } from '../../cost/summary';
import { dataPath } from '../../data/data-file';
import { ConvkitInputError } from '../../core/errors';
import { buildModelSpec, isModelName, type ZooOptions } from '../../models/zoo';
import { readPublishedModels, type PaperSource } from '../published-accuracy';

export type ErrorSource = PaperSource;

export interface PublishedCifarError {
  /** How the paper names the network. */
  readonly label: string;
  readonly family: 'ResNet' | 'DenseNet' | 'DenseNet-BC';
  /** Zoo model and options, when convkit's zoo has the network. */
  readonly model?: string;
  readonly options?: ZooOptions;
  /** Parameters as the paper prints them, millions. */
  readonly publishedMillionParams: number;
  /** CIFAR-10 with standard augmentation, test error in percent. */
  readonly c10PlusErrorPercent: number;
  /** CIFAR-100 with standard augmentation, when published. */
  readonly c100PlusErrorPercent?: number;
  readonly source: ErrorSource;
  readonly note?: string;
}

export interface CifarErrorRow extends PublishedCifarError {
  /** Trainable parameters computed by the cost model (the papers' convention), or undefined off the zoo. */
  readonly trainableParams?: number;
  /** Multiply-adds of one 32×32 image, computed. */
  readonly macs?: number;
}

/** Reads and checks data/reference/accuracy/cifar-errors.json. */
export function loadCifarErrors(file = dataPath('reference', 'accuracy', 'cifar-errors.json')): PublishedCifarError[] {
  return readPublishedModels<PublishedCifarError>(file, ['publishedMillionParams', 'c10PlusErrorPercent'], (entry, where) => {
    if (entry.model !== undefined && !isModelName(entry.model)) throw new ConvkitInputError(`${where}.model`, entry.model, 'must be a zoo model name');
    if (!['ResNet', 'DenseNet', 'DenseNet-BC'].includes(entry.family))
      throw new ConvkitInputError(`${where}.family`, entry.family, 'must be ResNet, DenseNet or DenseNet-BC');
  });
}

/** Every published network with the parameters and MACs our cost model computes for it (when it is in the zoo). */
export function cifarErrorTable(entries: readonly PublishedCifarError[] = loadCifarErrors()): CifarErrorRow[] {
  return entries.map((entry) => {
    if (entry.model === undefined) return entry;
    const summary = summarize(buildModelSpec(entry.model, entry.options ?? {}));
    return { ...entry, trainableParams: summary.params.trainable, macs: summary.macs };
  });
}
