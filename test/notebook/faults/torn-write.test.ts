/**
 * Writes killed half-way (SIGKILL, as an out-of-memory kill or a closed
 * laptop does it): the target keeps its old bytes exactly, the leftover temp
 * file is cleaned by the next write once its writer is dead, and the bytes
 * are fsynced before the rename and the folder after it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStaleTempFiles, TEMP_FILE, writeFileAtomic } from '../../../src/core/atomic-write';
import { REPO, waitUntil } from '../throwaway';

// The CommonJS module object itself (an ES namespace is read-only), so the test can watch its calls.
const fs = require('node:fs') as typeof import('node:fs');

function withFolder<T>(work: (folder: string) => Promise<T> | T): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'convkit-torn-'));
  return Promise.resolve(work(folder)).finally(() => rmSync(folder, { recursive: true, force: true }));
}

test('a writer killed mid-write leaves the old file intact, and its temp file is removed by the next write', () =>
  withFolder(async (folder) => {
    const target = join(folder, 'lesson.ipynb');
    writeFileSync(target, 'old notebook');
    // 400 MB takes long enough to be caught half-written.
    const writer = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `require(${JSON.stringify(join(REPO, 'src', 'core', 'atomic-write.ts'))}).writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(400 * 2 ** 20, 120))`,
      ],
      { cwd: REPO, stdio: 'ignore' },
    );
    const temps = (): string[] => readdirSync(folder).filter((name) => TEMP_FILE.test(name));
    assert.ok(await waitUntil(() => temps().length === 1 && fs.statSync(join(folder, temps()[0]!)).size > 0, 60_000), 'the writer got going');
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.on('close', resolve));
    const [left] = temps();
    assert.ok(left, 'the killed write left its temp file');
    assert.equal(TEMP_FILE.exec(left)![2], String(writer.pid), "named with the dead writer's PID");
    assert.equal(readFileSync(target, 'utf8'), 'old notebook', 'the target was not torn');

    writeFileAtomic(join(folder, 'other.html'), 'any write in the folder');
    assert.deepEqual(readdirSync(folder).sort(), ['lesson.ipynb', 'other.html'], 'the stale temp file is gone');
  }));

test("only temp files of the kit's own pattern whose writer is dead are removed", () =>
  withFolder((folder) => {
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const alive = process.ppid;
    const names = {
      stale: `.page.html.${dead}.0a1b2c3d.tmp`,
      live: `.page.html.${alive}.0a1b2c3d.tmp`,
      own: `.page.html.${process.pid}.0a1b2c3d.tmp`,
      foreignShape: `.page.html.${dead}.tmp`,
      notHidden: `page.html.${dead}.0a1b2c3d.tmp`,
      upperHex: `.page.html.${dead}.0A1B2C3D.tmp`,
    };
    for (const name of Object.values(names)) writeFileSync(join(folder, name), 'x');
    assert.deepEqual(removeStaleTempFiles(folder), [names.stale]);
    assert.deepEqual(
      readdirSync(folder).sort(),
      Object.values(names)
        .filter((name) => name !== names.stale)
        .sort(),
    );
  }));

test('the temp file is fsynced before the rename, and the folder after it', () =>
  withFolder((folder) => {
    const target = join(folder, 'page.html');
    const events: string[] = [];
    const { fsyncSync, renameSync } = fs;
    const where = (fd: number): string => readlinkSync(`/proc/self/fd/${fd}`);
    (fs as { fsyncSync: typeof fs.fsyncSync }).fsyncSync = (fd) => {
      events.push(`fsync ${where(fd) === folder ? 'folder' : TEMP_FILE.test(where(fd).split('/').pop()!) ? 'temp' : where(fd)}`);
      fsyncSync(fd);
    };
    (fs as { renameSync: typeof fs.renameSync }).renameSync = (from, to) => {
      events.push('rename');
      renameSync(from, to);
    };
    try {
      writeFileAtomic(target, 'content');
    } finally {
      (fs as { fsyncSync: typeof fs.fsyncSync }).fsyncSync = fsyncSync;
      (fs as { renameSync: typeof fs.renameSync }).renameSync = renameSync;
    }
    assert.deepEqual(events, ['fsync temp', 'rename', 'fsync folder']);
    assert.equal(readFileSync(target, 'utf8'), 'content');
  }));
