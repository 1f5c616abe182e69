/**
 * Where convkit's data files live and how a bad one is reported.
 *
 * The files sit in the repository's data/ folder (provenance in
 * data/README.md). The loaders run both from src/ (tests, tsx) and from the
 * compiled lib/ (notebooks), so the folder is found by walking up from this
 * file to the directory that holds package.json and data/.
 *
 * Every problem with a file — missing, unreadable, corrupt gzip/CSV/PNG, wrong
 * row length or shape — becomes a ConvkitInputError whose field is the file's
 * path, so the one-line message says which file to look at and why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConvkitInputError } from '../core/errors';

let cachedRoot: string | undefined;

/** The repository folder that holds package.json and data/. */
export function repositoryRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = resolve(__dirname);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new ConvkitInputError('data folder', resolve(__dirname), 'no folder above it holds package.json and data/');
    dir = parent;
  }
}

/** Absolute path of a file under data/, e.g. dataPath('digits', 'digits.csv.gz'). */
export function dataPath(...parts: string[]): string {
  return join(repositoryRoot(), 'data', ...parts);
}

/** The error for a bad data file: field = the file's path, value = what is wrong, rule = what is expected. */
export function dataFileError(path: string, problem: string, rule: string): ConvkitInputError {
  return new ConvkitInputError(path, problem, rule);
}

/** Reads a whole file, turning a missing or unreadable file into a dataFileError. */
export function readDataFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw dataFileError(path, code === 'ENOENT' ? 'missing' : `unreadable (${code})`, 'the data file must exist and be readable');
  }
}
