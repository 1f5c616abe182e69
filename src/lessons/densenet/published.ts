/**
 * DenseNet-121/169/201 on ImageNet: the totals our cost model computes next
 * to the figures the libraries publish, with their sources. The figures are
 * read from data/reference/keras.json (exact `model.summary()` counts of
 * Keras' DenseNet121/169/201) and data/reference/torchvision.json
 * (`num_params` and the rounded "GFLOPS", which are really billions of
 * multiply-adds). The DenseNet paper itself (Huang et al. 2017,
 * arXiv:1608.06993) gives the ImageNet parameter counts only as points of a
 * plot (Figure 3), so the libraries' exact counts are the better yardstick.
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../../cost/summary';
import type { ModelSummary } from '../../cost/types';
import { dataPath } from '../../data/data-file';
import { ConvkitInputError } from '../../errors';
import { buildModelSpec } from '../../models/zoo';

const UNITS: Readonly<Record<string, number>> = {
  parameters: 1,
  'million parameters': 1e6,
  'multiply-adds': 1,
  'million multiply-adds': 1e6,
  'billion multiply-adds': 1e9,
};

const QUANTITIES = {
  macs: (s: ModelSummary) => s.macs,
  trainableParams: (s: ModelSummary) => s.params.trainable,
  totalParams: (s: ModelSummary) => s.params.total,
} as const;
type Quantity = keyof typeof QUANTITIES;

interface Entry {
  readonly id: string;
  readonly model: string;
  readonly options: Record<string, unknown>;
  readonly quantity: string;
  readonly value: number;
  readonly unit: string;
  readonly rounding: { readonly mode: string; readonly step: number };
  readonly source: { readonly paper?: string; readonly arxiv?: string; readonly library?: string; readonly url?: string; readonly table: string };
}

export interface PublishedComparison {
  readonly model: string;
  readonly quantity: Quantity;
  /** As printed, with its unit, e.g. "2.83 billion multiply-adds". */
  readonly published: string;
  /** Our cost model's exact figure. */
  readonly computed: number;
  /** The computed figure in the published unit. */
  readonly computedInUnit: number;
  /** Equal (exact entries) or equal after the published rounding (nearest entries). */
  readonly agrees: boolean;
  readonly source: string;
}

/** The ImageNet DenseNets the lesson compares. */
export const IMAGENET_DENSENETS = ['densenet-121', 'densenet-169', 'densenet-201'] as const;

/** A figure counts as published when it names a paper (with arXiv id) or a library page (with URL). */
function hasCitableSource(entry: Entry): boolean {
  return Boolean((entry.source?.paper && entry.source.arxiv) || (entry.source?.library && entry.source.url));
}

function sourceText(entry: Entry): string {
  if (entry.source.paper) return `${entry.source.paper}, arXiv:${entry.source.arxiv}, ${entry.source.table}`;
  return `${entry.source.library}, ${entry.source.url}`;
}

function readEntries(file: string): Entry[] {
  const parsed = JSON.parse(readFileSync(dataPath('reference', file), 'utf8')) as { entries?: unknown };
  if (!Array.isArray(parsed.entries)) throw new ConvkitInputError(`data/reference/${file}: entries`, typeof parsed.entries, 'must be an array');
  return parsed.entries as Entry[];
}

function agrees(computedInUnit: number, entry: Entry): boolean {
  if (entry.rounding.mode === 'exact') return computedInUnit === entry.value;
  if (entry.rounding.mode === 'nearest') return Math.abs(computedInUnit - entry.value) <= entry.rounding.step / 2 + 1e-9;
  throw new ConvkitInputError(`${entry.id}.rounding.mode`, entry.rounding.mode, 'must be "exact" or "nearest" for the DenseNet totals');
}

/**
 * Every Keras / torchvision figure with a citable source for the given
 * models (default options: 224×224, 1000 classes), with our computed value
 * beside it.
 */
export function publishedDenseNetTotals(models: readonly string[] = IMAGENET_DENSENETS): PublishedComparison[] {
  const entries = [...readEntries('keras.json'), ...readEntries('torchvision.json')].filter(
    (e) => models.includes(e.model) && Object.keys(e.options ?? {}).length === 0 && e.quantity in QUANTITIES && hasCitableSource(e),
  );
  const summaries = new Map<string, ModelSummary>();
  const rows = entries.map((entry) => {
    let summary = summaries.get(entry.model);
    if (!summary) {
      summary = summarize(buildModelSpec(entry.model));
      summaries.set(entry.model, summary);
    }
    const scale = UNITS[entry.unit];
    if (scale === undefined) throw new ConvkitInputError(`${entry.id}.unit`, entry.unit, `must be one of ${Object.keys(UNITS).join(', ')}`);
    const computed = QUANTITIES[entry.quantity as Quantity](summary);
    const computedInUnit = computed / scale;
    return {
      model: entry.model,
      quantity: entry.quantity as Quantity,
      published: `${entry.value.toLocaleString('en-US')} ${entry.unit}`,
      computed,
      computedInUnit,
      agrees: agrees(computedInUnit, entry),
      source: sourceText(entry),
    };
  });
  const order = (m: string) => models.indexOf(m);
  return rows.sort((a, b) => order(a.model) - order(b.model));
}
