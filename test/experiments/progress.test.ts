import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, Progress } from '../../src/experiments/progress';

test('durations read as seconds, minutes or hours', () => {
  assert.equal(formatDuration(12.4), '12s');
  assert.equal(formatDuration(245), '4m05s');
  assert.equal(formatDuration(3720), '1h02m');
});

test('progress counts work, not epochs, and estimates the rest from this sitting only', () => {
  let clock = 0;
  const progress = new Progress(
    'demo',
    [
      { label: 'big', epochWork: 9, epochs: 1, doneBefore: 0 },
      { label: 'small', epochWork: 1, epochs: 1, doneBefore: 1 },
    ],
    () => clock,
  );
  assert.match(progress.line(10), /^demo █░░░░░░░░░\s{2}10%\s{2}0s elapsed, ETA …$/);
  clock = 30;
  progress.step(0, 1, 3); // a third of the big epoch in 30 s: 60 s to go
  assert.match(progress.line(10), /40%\s{2}30s elapsed, ETA 1m00s\s{2}big \(epoch 1\/1\)$/);
  progress.finished(0);
  assert.match(progress.line(10), /100%/);
});
