/**
 * A cell that prints many lines at once, through the real runner and the
 * real tslab kernel. Without kernel-preload.cjs queueing the kernel's sends,
 * 1,000 lines of 99 characters end "timed out" after ~100 s with about
 * half the lines saved. With it every line is kept and the run ends normally;
 * and when a kernel does lose messages (tslab without the queue), the run
 * still ends promptly and the saved output and the terminal both say how
 * many messages were lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leftovers, runRunner, sha256, withSandbox } from '../throwaway';

const LINE = 'y'.repeat(99);

interface SavedStream {
  output_type: string;
  name?: string;
  text?: string[];
}

function savedOutputs(out: string, name: string): SavedStream[][] {
  const notebook = JSON.parse(readFileSync(join(out, name), 'utf8')) as { cells: { outputs: SavedStream[] }[] };
  return notebook.cells.map((cell) => cell.outputs);
}

for (const lines of [1000, 100_000]) {
  test(`a cell printing ${lines.toLocaleString('en')} lines keeps every line, in order, and the next cell still runs`, async () => {
    await withSandbox(async (box) => {
      const source = box.notebook('burst.ipynb', [
        `for (let i = 0; i < ${lines}; i++) console.log(i % 1000 === 0 ? String(i) : ${JSON.stringify(LINE)})`,
        '6 * 7',
      ]);
      const checksum = sha256(source);
      const out = join(box.root, 'out');
      // Not a timing assertion: the guard only turns a hang (lost output messages) into a failure.
      const result = await runRunner(box, [source, '--out', out], { guardMs: 300_000 });
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /output incomplete|timed out/);
      const [burst, next] = savedOutputs(out, 'burst.ipynb');
      assert.equal(burst!.length, 1, 'one stdout stream');
      const text = burst![0]!.text!;
      assert.equal(text.length, lines, 'every line is saved');
      const expected = Array.from({ length: lines }, (_, i) => `${i % 1000 === 0 ? String(i) : LINE}\n`);
      assert.ok(
        text.every((line, i) => line === expected[i]),
        'in the order printed',
      );
      assert.deepEqual(next, [{ name: 'stdout', output_type: 'stream', text: ['42\n'] }]);
      assert.equal(sha256(source), checksum);
      assert.deepEqual(leftovers(box.tmp), { connectionFolders: [], processes: [] });
      process.stderr.write(`# burst of ${lines} lines: run took ${result.seconds.toFixed(1)} s\n`);
    });
  });
}

test('a kernel that drops messages (tslab without the send queue) ends the cell promptly and says how much was lost', async () => {
  await withSandbox(async (box) => {
    const lines = 1000;
    const source = box.notebook('lossy.ipynb', [`for (let i = 0; i < ${lines}; i++) console.log(${JSON.stringify(LINE)})`, '6 * 7']);
    const out = join(box.root, 'out');
    const result = await runRunner(box, [source, '--out', out], { env: { CONVKIT_KERNEL_QUEUE: 'off' }, guardMs: 120_000 });
    assert.equal(result.code, 0, result.stderr);
    const [burst, next] = savedOutputs(out, 'lossy.ipynb');
    const kept = burst![0]!.text!.length;
    const note = burst![burst!.length - 1]!;
    assert.equal(note.name, 'stderr', "the note is saved as the cell's last output");
    const saved =
      /^\[convkit run: output incomplete: the kernel lost (\d+) output messages of this cell; its "idle" status never came, so the cell was closed 4 s after its reply\]\n$/.exec(
        note.text!.join(''),
      );
    assert.ok(saved, note.text!.join(''));
    assert.ok(kept < lines, `some lines were really lost (${kept} kept)`);
    // One message per console.log, plus the lost idle status: kept + lost accounts for every message.
    assert.equal(kept + Number(saved[1]), lines + 1, `${kept} kept + ${saved[1]} lost`);
    assert.ok(result.stderr.includes(`lossy.ipynb  cell 1/2  ${note.text!.join('').trim()}`), 'the same note is printed on the terminal');
    assert.deepEqual(next, [{ name: 'stdout', output_type: 'stream', text: ['42\n'] }], 'the run goes on');
    assert.deepEqual(leftovers(box.tmp), { connectionFolders: [], processes: [] });
  });
});
