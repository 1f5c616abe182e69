/**
 * Reading the accuracy tables in data/reference/accuracy/: each is a JSON
 * object whose "models" list holds one published network per entry, with
 * the paper, arXiv id and table it was printed in. Accuracy (or error) is
 * the one column that cannot be computed here, so every entry must say
 * where it comes from; lessons 05 (ImageNet top-1) and 08 (CIFAR errors)
 * read their tables through this one checker.
 */
import { readFileSync } from 'node:fs';
import { ConvkitInputError } from '../core/errors';

/** Where a published figure is printed. */
export interface PaperSource {
  readonly paper: string;
  readonly arxiv: string;
  readonly table: string;
}

/**
 * The "models" list of `file`, each entry checked in this order: `checkEntry`
 * (the table's own fields), then every `positiveFields` entry is a number
 * > 0, then `source` gives paper, arxiv and table. A failed check is a
 * ConvkitInputError naming the file, the entry and the field.
 */
export function readPublishedModels<Entry extends { readonly source: PaperSource }>(
  file: string,
  positiveFields: readonly (keyof Entry & string)[],
  checkEntry: (entry: Entry, where: string) => void,
): Entry[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { models?: unknown };
  if (!Array.isArray(parsed.models)) throw new ConvkitInputError(`${file}: models`, typeof parsed.models, 'must be an array');
  return parsed.models.map((entry: Entry, index: number) => {
    const where = `${file}: models[${index}]`;
    checkEntry(entry, where);
    for (const field of positiveFields) {
      const value: unknown = entry[field];
      if (typeof value !== 'number' || !(value > 0)) throw new ConvkitInputError(`${where}.${field}`, value, 'must be a positive number');
    }
    if (!entry.source?.paper || !entry.source.arxiv || !entry.source.table) {
      throw new ConvkitInputError(`${where}.source`, entry.source, 'must give paper, arxiv and table');
    }
    return entry;
  });
}
