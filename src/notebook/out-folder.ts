/**
 * The rules for `convkit run --out DIR`, checked before any kernel starts, so
 * a mistake costs one line (exit 2) instead of a finished run that cannot be
 * saved — and so no run can ever write over a notebook it was given (only
 * --inplace does that, on purpose).
 *
 * Paths are compared as the file system resolves them (realpath of the
 * deepest part that exists, then the rest as typed), so a symlink, `..` or a
 * second name for the same folder cannot route the executed copies onto
 * their sources.
 *
 *   --out …                      refused when
 *   ""                           it names nothing
 *   a file, or a path under one  it is not a folder
 *   a source's folder, or inside it (by any route)
 *                                executed copies would land beside, or on, the sources
 *   a folder we cannot write     a probe file cannot be created there
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ConvkitInputError } from '../core/errors';

/**
 * Where `path` really is: the realpath of its deepest existing ancestor, with
 * the rest appended. `existing` is that ancestor as typed (absolute).
 */
export function realLocation(path: string): { real: string; existing: string } {
  let existing = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(existing);
      return { real: rest.length ? join(real, ...rest.reverse()) : real, existing };
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return { real: resolve(path), existing };
      rest.push(basename(existing));
      existing = parent;
    }
  }
}

/** True when `path` is `folder` or lies inside it (both real, absolute). */
function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Throws ConvkitInputError (field --out) unless `outDir` is a folder the run
 * may write its executed copies of `sources` into; creates it if needed.
 */
export function checkOutFolder(outDir: string, sources: readonly string[], { given = true }: { given?: boolean } = {}): void {
  const refuse = (rule: string): never => {
    throw new ConvkitInputError('--out', outDir, rule);
  };
  if (outDir.trim() === '') refuse('must name a folder (it is empty)');
  const { real, existing } = realLocation(outDir);
  const sourceFiles = sources.map((source) => realLocation(source).real);
  const kind = statSync(existing);
  if (!kind.isDirectory()) {
    if (existing !== resolve(outDir)) refuse(`must be a folder, but ${existing} is a file and cannot hold one`);
    const source = sourceFiles.indexOf(real);
    if (source >= 0) refuse(`must be a folder, not the source notebook ${sources[source]} (use --inplace to write into it)`);
    refuse('must be a folder, but it is a file');
  }
  sourceFiles.forEach((file, i) => {
    // The default folder (build/notebooks) was not the user's choice: there only an exact hit counts.
    if (given ? within(real, dirname(file)) : real === dirname(file)) {
      refuse(`must not be the folder of ${sources[i]} or inside it (${dirname(file)}): executed copies could overwrite sources; use --inplace to mean that`);
    }
  });
  try {
    mkdirSync(real, { recursive: true });
    const probe = join(real, `.convkit-probe.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    refuse(`must be a folder this user can write (${(error as NodeJS.ErrnoException).code ?? 'not writable'})`);
  }
}

/**
 * The last word before a write: throws if `target` is, by real path, one of
 * `sources` (a symlink changed during the run could otherwise still route
 * the copy onto a source).
 */
export function checkNotASource(target: string, sources: readonly string[], outDir: string): void {
  const real = realLocation(target).real;
  const hit = sources.find((source) => realLocation(source).real === real);
  if (hit !== undefined) {
    throw new ConvkitInputError('--out', outDir, `must not lead onto a source notebook (${target} is ${hit}); nothing was written`);
  }
}
