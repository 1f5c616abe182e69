import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the new, never
 * half of it, even across a crash or power loss:
 *
 *   1. the bytes go to `.NAME.PID.HEX.tmp` in the same folder (same file
 *      system, so the rename below is atomic);
 *   2. the temp file is fsynced, so its bytes are on disk before its name is;
 *   3. it is renamed over NAME;
 *   4. the folder is fsynced, so the rename itself survives a crash.
 *
 * Without step 2 a crash soon after the rename can leave NAME empty or short
 * on file systems that reorder metadata and data (ext4 with delalloc, XFS).
 * A web server serving the site while it rebuilds never sends a truncated
 * page, and a killed `notebooks:update` never leaves half a notebook
 * (nbformat.ts's writeNotebook, the site builder and the Fashion-MNIST cache
 * all write through it).
 *
 * A process killed between steps 1 and 3 leaves its temp file behind; every
 * write cleans such leftovers of this pattern from the folder when the PID in
 * their name is no longer running (see removeStaleTempFiles).
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  removeStaleTempFiles(folder);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    syncFolder(folder);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** `.NAME.PID.HEX.tmp`, exactly as writeFileAtomic names its temp files. */
export const TEMP_FILE = /^\.(.+)\.(\d+)\.([0-9a-f]{8})\.tmp$/;

/**
 * Removes temp files of writeFileAtomic's own pattern in `folder` whose
 * writer is gone (its PID no longer runs). Files of a live process — another
 * write in progress — and any file not of this exact pattern are left alone.
 * Returns the names removed.
 */
export function removeStaleTempFiles(folder: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match || processRuns(Number(match[2]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** fsync a folder so a rename in it is durable; a platform that cannot (Windows) is not an error. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
