/**
 * However the runner ends, its kernel ends too, within seconds, and takes
 * its connection file (it holds the HMAC key) with it:
 *
 * - SIGTERM / SIGINT to npm when npm started the runner (`npx convkit run`):
 *   npm and its `sh -c` end without passing the signal on; the runner sees
 *   its parent go (kernel.ts, shutdownKernelsOnSignals) and shuts down.
 * - SIGKILL to the runner: nothing in the runner can run, so the kernel
 *   watches its parent itself (kernel-preload.cjs) and exits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leftovers, REPO, RUN_MAIN, runRunner, sha256, waitUntil, withSandbox } from '../throwaway';

const SLOW_CELL = 'await new Promise((resolve) => setTimeout(resolve, 120_000));';

/** True while `pid` is a live process (a zombie waiting for its reaper counts as ended). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Live processes whose command line runs the runner for `tmp`'s sandbox. */
function runnerPids(notebook: string): number[] {
  return leftoversLike((cmdline) => cmdline.split('\0')[0] === process.execPath && cmdline.includes(RUN_MAIN) && cmdline.includes(notebook));
}

function leftoversLike(match: (cmdline: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(readFileSync(`/proc/${entry}/cmdline`, 'utf8')) && running(Number(entry))) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to npm, which started the runner through sh -c as npx does, stops the runner and its kernel`, async () => {
    await withSandbox(async (box) => {
      const source = box.notebook('slow.ipynb', [SLOW_CELL]);
      const checksum = sha256(source);
      const out = join(box.root, 'out');
      // A stand-in for npm: starts `sh -c "node run-main.ts …"` with npm's environment; on a signal
      // it passes the signal to sh and ends. sh ends too, and the runner is left re-parented —
      // what `kill -TERM <npx pid>` did to a real `npx convkit run` here.
      const command = [process.execPath, '--import', 'tsx', RUN_MAIN, source, '--out', out].map((part) => `'${part}'`).join(' ');
      const npm = spawn(
        process.execPath,
        [
          '-e',
          `const c = require('child_process').spawn('sh', ['-c', process.argv[1] + ' ; true'], { stdio: 'inherit' });
                for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => { c.kill(s); process.exit(1); });`,
          command,
        ],
        { cwd: REPO, env: { ...process.env, TMPDIR: box.tmp, npm_command: 'exec' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      npm.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      try {
        assert.ok(await waitUntil(() => leftovers(box.tmp).processes.length > 0, 60_000), 'the kernel started');
        const [kernel] = leftovers(box.tmp).processes;
        npm.kill(signal);
        const stopped = await waitUntil(() => runnerPids(source).length === 0 && !running(kernel!), 15_000);
        assert.ok(stopped, `runner ${runnerPids(source)} / kernel ${kernel} still running 15 s after ${signal}\n${stderr}`);
        assert.match(stderr, /convkit run: npm \(or the shell it started, process \d+\) has ended, shutting the kernel down/);
        assert.ok(await waitUntil(() => leftovers(box.tmp).connectionFolders.length === 0, 5000), 'connection file removed');
        assert.equal(sha256(source), checksum);
      } finally {
        for (const pid of runnerPids(source)) process.kill(pid, 'SIGKILL');
      }
    });
  });
}

for (const [when, delayMs] of [
  ['as the kernel starts', 0],
  ['while a cell runs', 6000],
] as const) {
  test(`SIGKILL to the runner ${when}: its kernel exits within a few seconds and removes its connection file`, async () => {
    await withSandbox(async (box) => {
      const source = box.notebook('slow.ipynb', [SLOW_CELL]);
      const checksum = sha256(source);
      let kernel: number | undefined;
      let connection: string | undefined;
      let killedAt = 0;
      const result = await runRunner(box, [source, '--out', join(box.root, 'out')], {
        whileRunning: (child) => {
          void waitUntil(() => leftovers(box.tmp).processes.length > 0 && leftovers(box.tmp).connectionFolders.length > 0, 60_000).then(() => {
            kernel = leftovers(box.tmp).processes[0];
            connection = join(box.tmp, leftovers(box.tmp).connectionFolders[0]!);
            return new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => {
              killedAt = Date.now();
              child.kill('SIGKILL');
            });
          });
        },
      });
      assert.equal(result.signal, 'SIGKILL');
      assert.ok(kernel !== undefined && connection !== undefined, 'the kernel was running when the runner was killed');
      assert.ok(await waitUntil(() => !running(kernel!), 10_000), `kernel ${kernel} still running 10 s after its runner was killed`);
      const exitSeconds = (Date.now() - killedAt) / 1000;
      process.stderr.write(`# kernel exited ${exitSeconds.toFixed(2)} s after SIGKILL of its runner ${when}\n`);
      assert.ok(exitSeconds < 5, `the kernel ended within 5 s (${exitSeconds.toFixed(2)} s)`);
      assert.equal(existsSync(connection), false, 'its connection file (HMAC key) is gone');
      assert.deepEqual(leftovers(box.tmp), { connectionFolders: [], processes: [] });
      assert.equal(sha256(source), checksum);
    });
  });
}
