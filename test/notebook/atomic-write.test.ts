import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/core/atomic-write';

test('an atomic write replaces the file, creates missing folders and leaves no temp file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'convkit-atomic-'));
  try {
    const path = join(folder, 'a', 'b', 'page.html');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, Buffer.from('second'));
    assert.equal(readFileSync(path, 'utf8'), 'second');
    assert.deepEqual(readdirSync(join(folder, 'a', 'b')), ['page.html']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a failed write leaves the old file as it was and cleans up its temp file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'convkit-atomic-'));
  try {
    const path = join(folder, 'page.html');
    writeFileSync(path, 'old');
    // A folder where the file should go makes the rename fail after the temp file was written.
    const blocked = join(folder, 'blocked');
    writeFileAtomic(join(blocked, 'x'), 'x');
    assert.throws(() => writeFileAtomic(blocked, 'new'));
    assert.equal(readFileSync(path, 'utf8'), 'old');
    assert.deepEqual(readdirSync(folder).sort(), ['blocked', 'page.html']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
