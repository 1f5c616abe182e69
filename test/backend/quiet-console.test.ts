import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withConsoleHeldBack } from '../../src/backend/quiet-console';

test('lines printed while the console is held back are returned, not shown, and a failure is reported', async () => {
  const shown: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => void shown.push(args.join(' '));
  try {
    const run = await withConsoleHeldBack(async () => {
      console.warn('Aborted(no file)\nsecond line');
      console.error(new Error('failed to prepare'));
      throw new Error('start failed');
    });
    assert.equal(run.failed, true);
    assert.equal((run.error as Error).message, 'start failed');
    assert.deepEqual(run.heldBack, ['Aborted(no file)', 'second line', 'failed to prepare']);
    assert.deepEqual(shown, []);
  } finally {
    console.warn = originalWarn;
  }
});

test('a console method captured during the hold forwards to the original afterwards', async () => {
  const shown: string[] = [];
  const originalLog = console.log;
  console.log = (...args: unknown[]) => void shown.push(args.join(' '));
  let boundDuringHold: ((...args: unknown[]) => void) | undefined;
  try {
    const run = await withConsoleHeldBack(async () => {
      boundDuringHold = console.log.bind(console); // as Emscripten does when its module is created
    });
    assert.equal(run.failed, false);
    boundDuringHold!('printed later');
    assert.deepEqual(shown, ['printed later']);
  } finally {
    console.log = originalLog;
  }
});
