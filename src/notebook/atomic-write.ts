import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the new, never
 * half of it: the bytes go to a temp file in the same folder (same file
 * system, so rename is atomic), then the temp file is renamed over the
 * target. A web server serving the site while it rebuilds never sends a
 * truncated page, and a crash mid-write never leaves half a notebook behind
 * (nbformat.ts's writeNotebook and the site builder both write through it).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
