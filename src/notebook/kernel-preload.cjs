// Loaded into the tslab kernel process with `node -r` by the runner (see
// kernel.ts), before tslab's own code. Plain CommonJS on purpose: it runs
// inside the kernel, which does not load tsx.
//
// 1. No iopub message is dropped under a burst of output.
//    tslab calls `socket.send(frames)` without awaiting it. zeromq.js allows
//    one send in flight per socket: once a send has to wait (after a few
//    hundred quick ones), every further call rejects with EBUSY and tslab only
//    logs the rejection — the message, possibly the `idle` status the runner
//    waits for, is gone. Here every socket's sends are queued and run one
//    after another, in call order, so each message is sent exactly once.
//    The Publisher (iopub) also gets send high-water mark 0 (no limit): at
//    the default of 1000 a PUB socket silently discards messages while its
//    subscriber is behind, which a 100,000-line cell easily reaches.
//    If a send still fails (socket closed, out of memory), one line
//      convkit-kernel: lost PARENT_MSG_ID COUNT
//    goes to the kernel's stderr, so the runner can say how much output of
//    which cell was lost (kernel.ts reads it).
//    CONVKIT_KERNEL_QUEUE=off leaves tslab's sends alone (the fault tests use
//    it to check the runner's own fallback for a kernel that drops messages).
//
// 2. The kernel never outlives the runner.
//    The runner's exit hook kills the kernel, but nothing runs in a process
//    killed with SIGKILL. So the kernel watches its parent, from a worker
//    thread so that a busy kernel still notices: when the parent is gone
//    (this process is re-parented, its parent pid changes), it deletes its
//    connection file (it holds the HMAC key) and ends itself.
//
// 3. A notebook says when it runs an out-of-date kit.
//    Notebooks import the compiled lib/. If src/ changed after lib/ was built
//    (scripts/lib-state.cjs), the first cell run in this kernel starts with one
//    line on stderr saying so and how to put it right; otherwise nothing.
'use strict';

const { dirname, basename, join } = require('node:path');
const { writeSync } = require('node:fs');

const PARENT_POLL_MS = 250;

function connectionFile() {
  const at = process.argv.indexOf('--config-path');
  return at >= 0 ? process.argv[at + 1] : undefined;
}

// The watch runs in a worker thread: the kernel's own thread can be busy for many seconds
// (loading TypeScript at start-up, or a cell in an endless loop), and a timer there would
// wait for it. Node reads process.ppid once at start-up, so the current parent comes
// from /proc on Linux; elsewhere the first parent is probed with signal 0 (ESRCH: gone).
const WATCH = `
const { workerData } = require('node:worker_threads');
const { readFileSync, rmSync } = require('node:fs');
const { parent, folder, pollMs } = workerData;
function gone() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent;
  } catch {
    try {
      process.kill(parent, 0);
      return false;
    } catch (error) {
      return error.code === 'ESRCH';
    }
  }
}
function check() {
  if (!gone()) return;
  if (folder) rmSync(folder, { recursive: true, force: true });
  // Not process.exit: zeromq's exit hook waits for queued messages to reach their peer,
  // here the dead runner, and would keep the kernel sleeping forever.
  process.kill(process.pid, 'SIGKILL');
}
check();
setInterval(check, pollMs);
`;

function watchParent() {
  const { Worker } = require('node:worker_threads');
  // The runner names itself: if it died before this line ran, process.ppid is already not it.
  const parent = Number(process.env.CONVKIT_RUNNER_PID) || process.ppid;
  const file = connectionFile();
  // Only a connection folder the runner made (connection.ts), never anything else.
  const folder = file && basename(dirname(file)).startsWith('convkit-kernel-') ? dirname(file) : null;
  // execArgv []: a worker would otherwise load this preload (`-r`) again.
  const worker = new Worker(WATCH, { eval: true, execArgv: [], workerData: { parent, folder, pollMs: PARENT_POLL_MS } });
  worker.unref();
}

function parentId(frames) {
  // [routing ids…, "<IDS|MSG>", hmac, header, parent_header, metadata, content]
  const at = frames.findIndex((frame) => String(frame) === '<IDS|MSG>');
  try {
    return at >= 0 ? JSON.parse(String(frames[at + 3])).msg_id || '-' : '-';
  } catch {
    return '-';
  }
}

// Lost sends, counted by parent request and reported in batches (a burst can lose thousands).
const lost = new Map();
let flushTimer = null;
function flushLost() {
  flushTimer = null;
  // Straight to fd 2: tslab redirects process.stderr into the running cell's output.
  for (const [parent, count] of lost) writeSync(2, `convkit-kernel: lost ${parent} ${count}\n`);
  lost.clear();
}
function reportLost(message) {
  const parent = parentId(Array.isArray(message) ? message : [message]);
  lost.set(parent, (lost.get(parent) || 0) + 1);
  if (!flushTimer) flushTimer = setTimeout(flushLost, 50);
}
process.on('exit', flushLost);

function loadZeromq() {
  try {
    return require(require.resolve('zeromq', { paths: [dirname(process.argv[1] || '.')] }));
  } catch {
    return null; // not tslab (a test's fake kernel): nothing to patch
  }
}

function callSend(send, socket, message) {
  try {
    return Promise.resolve(send.call(socket, message));
  } catch (error) {
    return Promise.reject(error);
  }
}

// zeromq.js defines send read-only on its native Socket; the kernel's socket classes get their own.
const KERNEL_SOCKETS = ['Publisher', 'Router', 'Reply'];
function replaceSend(zmq, makeSend) {
  for (const name of KERNEL_SOCKETS) {
    const proto = zmq[name].prototype;
    Object.defineProperty(proto, 'send', { value: makeSend(proto.send), writable: true, configurable: true });
  }
}

function queueSends(zmq) {
  const chains = new WeakMap();
  replaceSend(
    zmq,
    (send) =>
      function queuedSend(message) {
        const previous = chains.get(this) || Promise.resolve();
        const next = previous.then(() => callSend(send, this, message));
        const settled = next.catch(() => {
          if (!this.closed) reportLost(message);
        });
        chains.set(this, settled);
        return settled;
      },
  );
  const Publisher = zmq.Publisher;
  zmq.Publisher = class UnboundedPublisher extends Publisher {
    constructor(options) {
      super({ sendHighWaterMark: 0, ...options });
    }
  };
}

// Without the queue: tslab's own behaviour, but its losses are counted (fault tests only).
function countLosses(zmq) {
  replaceSend(
    zmq,
    (send) =>
      function countedSend(message) {
        return callSend(send, this, message).catch(() => {
          if (!this.closed) reportLost(message);
        });
      },
  );
}

// tslab points process.stderr.write at the running cell's output each time a cell starts
// (before the cell's code runs). The first time it does, lib/ is compared with src/ and a
// stale lib/ is reported through that writer, so the warning is part of the first cell's
// output; then write becomes a plain property again.
function warnStaleLib() {
  const repo = join(__dirname, '..', '..');
  let libState;
  try {
    ({ libState } = require(join(repo, 'scripts', 'lib-state.cjs')));
  } catch {
    return; // an installed copy without scripts/: nothing to compare
  }
  const stream = process.stderr;
  let current = stream.write;
  Object.defineProperty(stream, 'write', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(write) {
      current = write;
      Object.defineProperty(stream, 'write', { value: write, writable: true, configurable: true, enumerable: true });
      let state;
      try {
        state = libState(repo);
      } catch {
        return;
      }
      if (!state.stale) return;
      write.call(
        stream,
        `convkit: lib/ is out of date: ${state.reason}. This kernel runs the kit as last compiled; ` +
          'run `npm run build` in the convkit folder, then restart the kernel.\n',
      );
    },
  });
}

// Worker threads inherit `-r`: only the kernel's main thread is set up.
if (require('node:worker_threads').isMainThread) {
  watchParent();
  warnStaleLib();
  const zmq = loadZeromq();
  if (zmq) {
    if (process.env.CONVKIT_KERNEL_QUEUE === 'off') countLosses(zmq);
    else queueSends(zmq);
  }
}
