/**
 * DenseNet-121/169/201 on ImageNet: the totals our cost model computes next
 * to the figures the libraries publish, with their sources. The figures are
 * read from data/reference/keras.json (exact `model.summary()` counts of
 * Keras' DenseNet121/169/201) and data/reference/torchvision.json
 * (`num_params` and the rounded "GFLOPS", which are really billions of
 * multiply-adds). The DenseNet paper itself (Huang et al. 2017,
 * arXiv:1608.06993) gives the ImageNet parameter counts only as points of a
 * plot (Figure 3), so the libraries' exact counts are the better yardstick.
 *
 * Reading a table (src/data/reference-tables.ts) and holding an entry against
 * the cost model (src/published/compare.ts) are the same the test of every
 * published figure uses, so the lesson and the test cannot disagree.
 */
import { hasCitableSource, readReferenceEntries, sourceText, type ReferenceEntry } from '../../data/reference-tables';
import { compareEntry } from '../../published/compare';

/** The quantities the lesson compares. */
const LESSON_QUANTITIES = ['macs', 'trainableParams', 'totalParams'] as const;
type Quantity = (typeof LESSON_QUANTITIES)[number];

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

function isLessonQuantity(quantity: string): quantity is Quantity {
  return (LESSON_QUANTITIES as readonly string[]).includes(quantity);
}

/**
 * Every Keras / torchvision figure with a citable source for the given
 * models (default options: 224×224, 1000 classes), with our computed value
 * beside it, in the order of `models`.
 */
export function publishedDenseNetTotals(models: readonly string[] = IMAGENET_DENSENETS): PublishedComparison[] {
  const entries: ReferenceEntry[] = [...readReferenceEntries('keras.json'), ...readReferenceEntries('torchvision.json')].filter(
    (e) => models.includes(e.model) && Object.keys(e.options ?? {}).length === 0 && isLessonQuantity(e.quantity) && hasCitableSource(e),
  );
  const rows = entries.map((entry): PublishedComparison => {
    const { computed, computedInUnit, agrees } = compareEntry(entry);
    return {
      model: entry.model,
      quantity: entry.quantity as Quantity,
      published: `${entry.value.toLocaleString('en-US')} ${entry.unit}`,
      computed,
      computedInUnit,
      agrees,
      source: sourceText(entry),
    };
  });
  const order = (m: string) => models.indexOf(m);
  return rows.sort((a, b) => order(a.model) - order(b.model));
}
