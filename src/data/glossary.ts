/**
 * The English–Japanese glossary (data/glossary.json). Learners preparing for
 * Japanese certification exams (e.g. JDLA's E資格) meet these terms in
 * Japanese; each lesson shows its own terms and the review lesson shows all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConvkitInputError } from '../core/errors';

export interface GlossaryTerm {
  readonly en: string;
  readonly ja: string;
  /** Kana reading where the Japanese term has kanji. */
  readonly reading?: string;
  /** Lesson that introduces the term, e.g. '04'. */
  readonly lesson: string;
}

export const GLOSSARY_FILE = join(__dirname, '..', '..', 'data', 'glossary.json');

/** Reads and validates the glossary; `lesson` keeps only the terms that lesson introduces. */
export function loadGlossary(options: { lesson?: string; file?: string } = {}): GlossaryTerm[] {
  const file = options.file ?? GLOSSARY_FILE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConvkitInputError(file, '(file)', `could not be read as JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const terms = (parsed as { terms?: unknown }).terms;
  if (!Array.isArray(terms)) throw new ConvkitInputError(`${file}: terms`, typeof terms, 'must be an array');
  terms.forEach((term: unknown, index) => {
    const t = term as Partial<GlossaryTerm>;
    for (const field of ['en', 'ja', 'lesson'] as const) {
      if (typeof t[field] !== 'string' || t[field] === '') {
        throw new ConvkitInputError(`${file}: terms[${index}].${field}`, t[field], 'must be a non-empty string');
      }
    }
  });
  const all = terms as GlossaryTerm[];
  return options.lesson === undefined ? all : all.filter((t) => t.lesson === options.lesson);
}
