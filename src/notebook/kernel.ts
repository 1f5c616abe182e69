/**
 * One tslab kernel process and the five channels a Jupyter client opens to
 * it — the same path JupyterLab takes, not tslab's executor imported
 * in-process, so what the runner sees is what a learner sees.
 *
 *   spawn `node -r kernel-preload.cjs …/tslab/bin/tslab kernel --config-path FILE` (cwd = notebook folder)
 *     shell   Dealer      execute / kernel_info / shutdown requests and replies
 *     control Dealer      shutdown_request on the way out
 *     iopub   Subscriber  status, stream, display_data, … for every request
 *     stdin   Dealer      connected for completeness; we never allow input
 *     hb      Request     ping/pong once the kernel is up
 *
 * Lifecycle guarantees: a kernel that never starts or dies is reported as a
 * KernelError (never a hang); `shutdown()` always ends the process (polite
 * request, then SIGTERM, then SIGKILL) and removes the connection file; and a
 * process-exit hook kills any kernel still alive, so no orphan survives the
 * runner. A runner killed outright (SIGKILL) runs no hook: the kernel then
 * ends itself (kernel-preload.cjs watches its parent) and removes its
 * connection file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Zmq from 'zeromq';
import { channelAddress, createConnectionFile, type ConnectionFile } from './connection';
import { createMessage, deserialize, serialize, type JupyterMessage } from './wire';

export interface KernelOptions {
  /** Working folder of the kernel: tslab compiles cells relative to it (the notebook's folder). */
  readonly cwd: string;
  /** The tslab launcher to run. Default: this package's node_modules/tslab/bin/tslab. */
  readonly tslabBin?: string;
  /** How much of its own CPU time the kernel may use before its first kernel_info_reply, in ms (waitReady). Default 60 000. */
  readonly startTimeoutMs?: number;
}

export type KernelErrorKind = 'missing' | 'start' | 'died';

/** The kernel could not be found, did not start, or exited. `output` is the tail of its stdout/stderr. */
export class KernelError extends Error {
  constructor(
    readonly kind: KernelErrorKind,
    message: string,
    readonly output = '',
  ) {
    super(output.trim() ? `${message}\n--- kernel output ---\n${output.trimEnd()}` : message);
    this.name = 'KernelError';
  }
}

/** A port chosen for the kernel was taken before tslab could bind it; start() retries. */
class PortInUseError extends KernelError {
  constructor(output: string) {
    super('start', 'a port chosen for the kernel was taken by another process', output);
  }
}

/** How an execute request ended. `died`: the kernel process exited; `timeout`: no reply within the limit. */
export type ExecuteStatus = 'ok' | 'error' | 'abort' | 'timeout' | 'died';

export interface ExecuteOutcome {
  readonly status: ExecuteStatus;
  readonly executionCount: number | null;
  /** Every iopub message parented by the request, in arrival order (status messages excluded). */
  readonly iopub: readonly JupyterMessage[];
  /**
   * Messages of this request the kernel reported it could not send (see
   * kernel-preload.cjs), plus 1 when its `idle` status never came and the
   * request was closed after the reply and a quiet period instead. 0 when
   * every message arrived.
   */
  readonly lostMessages: number;
  /** True when the request ended on execute_reply + quiet period because `idle` never arrived. */
  readonly idleMissing: boolean;
}

type Listener = (message: JupyterMessage, channel: 'shell' | 'iopub' | 'control') => void;

const OUTPUT_TAIL_CHARS = 8000;
/**
 * After execute_reply, how long to wait for the `idle` status before closing
 * the request anyway: each further iopub message of the request restarts the
 * wait. Jupyter's nbclient does the same ("iopub_timeout", 4 s by default), so
 * a kernel that dropped its idle message cannot hang a run.
 */
export const IDLE_GRACE_MS = 4000;
/** The line kernel-preload.cjs prints for sends that failed: `convkit-kernel: lost PARENT_ID COUNT`. */
const LOST_LINE = /^convkit-kernel: lost (\S+) (\d+)$/;
const liveKernels = new Set<Kernel>();
let exitHookInstalled = false;

/**
 * The tslab launcher shipped with this repo (a devDependency; never a global
 * install). The CONVKIT_TSLAB environment variable overrides it (tests use a
 * missing path to check the "no kernel" report).
 */
export function defaultTslabBin(): string {
  if (process.env.CONVKIT_TSLAB) return process.env.CONVKIT_TSLAB;
  try {
    return join(dirname(require.resolve('tslab/package.json')), 'bin', 'tslab');
  } catch {
    return join(__dirname, '..', '..', 'node_modules', 'tslab', 'bin', 'tslab');
  }
}

/**
 * kernel-preload.cjs, loaded into the kernel with `node -r`: queued iopub
 * sends (no output lost under a burst) and a parent-death watch (no orphan
 * kernel). It sits next to this file in src/; lib/ builds find it in src/.
 */
export function kernelPreload(): string {
  const here = join(__dirname, 'kernel-preload.cjs');
  return existsSync(here) ? here : join(__dirname, '..', '..', 'src', 'notebook', 'kernel-preload.cjs');
}

function loadZmq(tslabBin: string): typeof Zmq {
  // zeromq comes with tslab; resolve it from tslab's package folder so a nested install works too.
  const tslabFolder = dirname(dirname(tslabBin));
  try {
    return require(require.resolve('zeromq', { paths: [tslabFolder] })) as typeof Zmq;
  } catch {
    return require('zeromq') as typeof Zmq;
  }
}

export class Kernel {
  private readonly session = randomUUID();
  private readonly listeners = new Map<string, Listener>();
  private readonly deathWatchers = new Set<() => void>();
  private readonly sendChains = new Map<Zmq.Dealer, Promise<void>>();
  private output = '';
  private partialLine = '';
  /** Lost-send counts the kernel reported, by the msg_id of the request they belonged to. */
  private readonly lostByParent = new Map<string, number>();
  private exitDescription: string | null = null;
  private closed = false;
  /** Frames rejected for a bad signature or shape (kept for diagnosis; never trusted). */
  rejectedMessages = 0;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ConnectionFile,
    private readonly shell: Zmq.Dealer,
    private readonly control: Zmq.Dealer,
    private readonly stdin: Zmq.Dealer,
    private readonly iopub: Zmq.Subscriber,
    private readonly hb: Zmq.Request,
  ) {}

  /**
   * Starts a kernel and resolves once it answers kernel_info on shell AND its
   * iopub messages reach us. A port taken by someone else between choosing it
   * and the kernel binding it is retried with fresh ports (twice).
   */
  static async start(options: KernelOptions): Promise<Kernel> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await Kernel.startOnce(options);
      } catch (error) {
        if (!(error instanceof PortInUseError) || attempt >= 3) throw error;
      }
    }
  }

  private static async startOnce(options: KernelOptions): Promise<Kernel> {
    const tslabBin = options.tslabBin ?? defaultTslabBin();
    if (!existsSync(tslabBin)) {
      throw new KernelError('missing', `tslab kernel not found at ${tslabBin} (run \`npm ci\` in the convkit folder)`);
    }
    if (!existsSync(options.cwd)) {
      throw new KernelError('start', `kernel working folder ${options.cwd} does not exist`);
    }
    const zmq = loadZmq(tslabBin);
    installExitHook();
    const connection = await createConnectionFile();
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, ['-r', kernelPreload(), tslabBin, 'kernel', '--config-path', connection.path], {
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        // The kernel's parent watch (kernel-preload.cjs) checks for this process by id.
        env: { ...process.env, CONVKIT_RUNNER_PID: String(process.pid) },
      });
    } catch (error) {
      connection.dispose();
      throw new KernelError('start', `could not spawn the tslab kernel: ${(error as Error).message}`);
    }
    const info = connection.info;
    const socket = { linger: 0 };
    const shell = new zmq.Dealer(socket);
    const control = new zmq.Dealer(socket);
    const stdin = new zmq.Dealer(socket);
    // High-water mark 0 (no limit): at the default 1000 a SUB socket drops messages while we are behind.
    const iopub = new zmq.Subscriber({ ...socket, receiveHighWaterMark: 0 });
    // As patient as the start-up itself: a kernel starved by a busy machine may take a while to echo.
    const startTimeoutMs = options.startTimeoutMs ?? 60_000;
    const hb = new zmq.Request({ ...socket, receiveTimeout: startTimeoutMs, sendTimeout: startTimeoutMs });
    const kernel = new Kernel(child, connection, shell, control, stdin, iopub, hb);
    liveKernels.add(kernel);
    kernel.watchProcess();
    try {
      shell.connect(channelAddress(info, 'shell'));
      control.connect(channelAddress(info, 'control'));
      stdin.connect(channelAddress(info, 'stdin'));
      iopub.connect(channelAddress(info, 'iopub'));
      iopub.subscribe();
      hb.connect(channelAddress(info, 'hb'));
      kernel.receiveLoop(shell, 'shell');
      kernel.receiveLoop(control, 'control');
      kernel.receiveLoop(iopub, 'iopub');
      await kernel.waitReady(startTimeoutMs);
      await kernel.heartbeat();
    } catch (error) {
      await kernel.shutdown();
      if (error instanceof KernelError) throw error;
      throw new KernelError('start', `tslab kernel did not start: ${(error as Error).message}`, kernel.output);
    }
    return kernel;
  }

  /** True while the kernel process runs. */
  get alive(): boolean {
    return this.exitDescription === null;
  }

  /** The process id (tests use it to prove nothing is left running). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Path of the connection file (removed by shutdown). */
  get connectionFile(): string {
    return this.connection.path;
  }

  /** The tail of what the kernel process itself printed (not cell output). */
  get processOutput(): string {
    return this.output;
  }

  /** How the process ended, e.g. "exited with code 3", or null while alive. */
  get exitReason(): string | null {
    return this.exitDescription;
  }

  /**
   * Runs `code` and collects its iopub messages until the kernel reports idle
   * for it and the execute_reply has arrived — or, when the reply has come
   * but idle does not, until no message of the request arrives for
   * IDLE_GRACE_MS (then `idleMissing` is set). Resolves with status `timeout`
   * when no reply comes within `timeoutMs`, or `died` if the process exits
   * first; never rejects.
   */
  execute(code: string, timeoutMs: number): Promise<ExecuteOutcome> {
    const request = createMessage(
      'execute_request',
      { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
      this.session,
    );
    const id = request.header.msg_id;
    const iopub: JupyterMessage[] = [];
    return new Promise<ExecuteOutcome>((resolve) => {
      let reply: JupyterMessage | null = null;
      let idle = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = (status: ExecuteStatus, executionCount: number | null, idleMissing = false): void => {
        clearTimeout(timer);
        clearTimeout(grace);
        this.listeners.delete(id);
        this.deathWatchers.delete(onDeath);
        // The kernel's own count includes a lost idle; without one, a missing idle is at least one loss.
        const reported = this.lostByParent.get(id) ?? 0;
        const lostMessages = reported > 0 ? reported : idleMissing ? 1 : 0;
        this.lostByParent.delete(id);
        resolve({ status, executionCount, iopub, lostMessages, idleMissing });
      };
      const fromReply = (idleMissing: boolean): void => {
        const content = reply!.content as { status?: string; execution_count?: number };
        const status = content.status === 'ok' || content.status === 'error' || content.status === 'abort' ? content.status : 'error';
        finish(status, typeof content.execution_count === 'number' ? content.execution_count : null, idleMissing);
      };
      const settle = (): void => {
        if (!reply) return;
        if (idle) {
          fromReply(false);
          return;
        }
        clearTimeout(grace);
        grace = setTimeout(() => fromReply(true), IDLE_GRACE_MS);
      };
      // A kernel that exits ends the request at once, whatever arrived before: "died" is what happened.
      const onDeath = (): void => finish('died', null);
      const timer = setTimeout(() => finish('timeout', null), timeoutMs);
      this.listeners.set(id, (message, channel) => {
        if (channel === 'shell' && message.header.msg_type === 'execute_reply') {
          reply = message;
        } else if (channel === 'iopub') {
          if (message.header.msg_type === 'status') {
            if ((message.content as { execution_state?: string }).execution_state === 'idle') idle = true;
          } else {
            iopub.push(message);
          }
        }
        settle();
      });
      if (!this.alive) return onDeath();
      this.deathWatchers.add(onDeath);
      this.send(this.shell, request);
    });
  }

  /** Asks the kernel to stop the running cell (SIGINT: tslab's interrupt; it has no interrupt_request handler). */
  interrupt(): void {
    if (this.alive) this.child.kill('SIGINT');
  }

  /**
   * Ends the kernel and releases everything: shutdown_request on control,
   * then SIGTERM, then SIGKILL, each after a short grace period; closes the
   * sockets and removes the connection file. Safe to call more than once.
   */
  async shutdown(graceMs = 1500): Promise<void> {
    if (this.alive && !this.closed) {
      this.send(this.control, createMessage('shutdown_request', { restart: false }, this.session));
      if (!(await this.waitForExit(graceMs))) {
        this.child.kill('SIGTERM');
        if (!(await this.waitForExit(graceMs))) {
          this.child.kill('SIGKILL');
          await this.waitForExit(5000);
        }
      }
    }
    this.release();
  }

  /** Synchronous last resort (process exit hook): kill, close, delete. */
  killNow(): void {
    if (this.alive) this.child.kill('SIGKILL');
    this.release();
  }

  private release(): void {
    if (!this.closed) {
      this.closed = true;
      for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.hb]) {
        try {
          socket.close();
        } catch {
          // already closed
        }
      }
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
    }
    this.connection.dispose();
    liveKernels.delete(this);
  }

  private waitForExit(ms: number): Promise<boolean> {
    if (!this.alive) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.deathWatchers.delete(done);
        resolve(!this.alive);
      };
      const timer = setTimeout(done, ms);
      this.deathWatchers.add(done);
    });
  }

  private watchProcess(): void {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    // The preload's "lost" lines are counted as they come (the tail above may not keep them).
    const countLost = (chunk: Buffer): void => {
      const lines = (this.partialLine + chunk.toString('utf8')).split('\n');
      this.partialLine = lines.pop()!.slice(-OUTPUT_TAIL_CHARS);
      for (const line of lines) {
        const lost = LOST_LINE.exec(line);
        if (lost) this.lostByParent.set(lost[1]!, (this.lostByParent.get(lost[1]!) ?? 0) + Number(lost[2]));
      }
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.stderr?.on('data', countLost);
    const ended = (description: string): void => {
      if (this.exitDescription !== null) return;
      this.exitDescription = description;
      for (const watcher of [...this.deathWatchers]) watcher();
    };
    this.child.on('error', (error) => ended(`could not run: ${error.message}`));
    this.child.on('exit', (code, signal) => ended(signal ? `killed by ${signal}` : `exited with code ${code}`));
  }

  private async receiveLoop(socket: Zmq.Dealer | Zmq.Subscriber, channel: 'shell' | 'iopub' | 'control'): Promise<void> {
    try {
      for await (const frames of socket) {
        let message: JupyterMessage;
        try {
          message = deserialize(frames, this.connection.info.key);
        } catch {
          this.rejectedMessages++;
          continue;
        }
        const parent = message.parent_header.msg_id;
        if (parent) this.listeners.get(parent)?.(message, channel);
      }
    } catch {
      // the socket was closed while receiving: the kernel is being shut down
    }
  }

  /** Sends on a Dealer; sends are chained because zeromq allows one pending send per socket. */
  private send(socket: Zmq.Dealer, message: JupyterMessage<unknown>): void {
    if (this.closed) return;
    const frames = serialize(message, this.connection.info.key);
    const previous = this.sendChains.get(socket) ?? Promise.resolve();
    const next = previous.then(() => (this.closed ? undefined : socket.send(frames))).catch(() => undefined);
    this.sendChains.set(socket, next);
  }

  /**
   * How much CPU time the kernel process has used, in seconds (Linux /proc;
   * null elsewhere). utime + stime are in clock ticks, 100 per second on
   * every Linux build Node supports (USER_HZ).
   */
  private cpuSeconds(): number | null {
    const fields = this.child.pid === undefined ? undefined : procStatFields(this.child.pid);
    return fields === undefined ? null : (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /**
   * Repeats kernel_info_request until one is answered on shell and a status
   * message for one of them arrives on iopub — the second condition closes
   * ZeroMQ's "slow joiner" gap, where the first iopub messages of a fresh
   * subscription are silently dropped.
   *
   * The start-up limit counts the kernel's own CPU time, not the clock: on a
   * loaded machine (tests in parallel, other users) a healthy tslab can take
   * minutes of wall time to load TypeScript, and a wall-clock limit then
   * turned a slow start into "did not start" at random. A kernel that has
   * burnt `timeoutMs` of CPU without answering is stuck; one that is only
   * waiting for a CPU is not. A wall-clock bound of 10× the limit still ends
   * a kernel that sleeps forever (or where /proc is missing, the limit itself).
   */
  private async waitReady(timeoutMs: number): Promise<void> {
    const started = Date.now();
    const wallLimitMs = this.cpuSeconds() === null ? timeoutMs : 10 * timeoutMs;
    let replied = false;
    let iopubSeen = false;
    const ids: string[] = [];
    try {
      while (!(replied && iopubSeen)) {
        if (!this.alive) throw new KernelError('start', `tslab kernel ${this.exitDescription} before it was ready`, this.output);
        // tslab binds its sockets in an un-awaited promise: a lost port race only shows in its output.
        if (/EADDRINUSE|Address already in use/i.test(this.output)) throw new PortInUseError(this.output);
        const cpu = this.cpuSeconds();
        const wall = Date.now() - started;
        if ((cpu !== null && cpu * 1000 > timeoutMs) || wall > wallLimitMs) {
          const spent =
            cpu === null
              ? `${timeoutMs / 1000} s`
              : `${(wall / 1000).toFixed(0)} s (${cpu.toFixed(1)} s of its own CPU time; the limit is ${timeoutMs / 1000} s of CPU)`;
          throw new KernelError('start', `tslab kernel did not answer kernel_info_request within ${spent}`, this.output);
        }
        const request = createMessage('kernel_info_request', {}, this.session);
        ids.push(request.header.msg_id);
        this.listeners.set(request.header.msg_id, (message, channel) => {
          if (channel === 'shell' && message.header.msg_type === 'kernel_info_reply') replied = true;
          if (channel === 'iopub') iopubSeen = true;
        });
        this.send(this.shell, request);
        await this.waitFor(() => (replied && iopubSeen) || !this.alive, replied ? 250 : 1000);
      }
    } finally {
      for (const id of ids) this.listeners.delete(id);
    }
  }

  private async heartbeat(): Promise<void> {
    await this.hb.send('ping');
    const [pong] = await this.hb.receive();
    if (pong?.toString() !== 'ping') throw new KernelError('start', 'heartbeat channel answered with something other than the ping');
  }

  private waitFor(condition: () => boolean, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      const poll = (): void => {
        if (condition() || Date.now() - started >= ms) resolve();
        else setTimeout(poll, 10);
      };
      poll();
    });
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const kernel of [...liveKernels]) kernel.killNow();
  });
}

/** Kernels started by this process and not yet shut down. */
export function liveKernelCount(): number {
  return liveKernels.size;
}

/** Shuts every live kernel down (the runner calls this on SIGINT/SIGTERM). */
export async function shutdownAllKernels(): Promise<void> {
  await Promise.all([...liveKernels].map((kernel) => kernel.shutdown(500)));
}

/**
 * The fields of /proc/PID/stat after the command name (Linux), or undefined:
 * [0] state, [1] parent pid, … [11] utime, [12] stime. The name is in
 * parentheses and may hold spaces, so fields start after the last ')'.
 */
function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The parent of process `pid` as /proc tells it now (Linux), or undefined. */
function parentOf(pid: number): number | undefined {
  const fields = procStatFields(pid);
  return fields === undefined ? undefined : Number(fields[1]);
}

/**
 * A check that turns true once this process's line of ancestors, as it was
 * when the check was made, is broken: our parent or our parent's parent
 * ended. Both count because npm starts us through `sh -c`: on SIGINT npm
 * ends while sh stays and waits. Node reads process.ppid once at start-up,
 * so on Linux the current parents come from /proc; elsewhere the first
 * parent is probed with signal 0 (ESRCH: gone). kernel-preload.cjs watches
 * the kernel's parent the same way.
 */
export function ancestryWatch(): () => boolean {
  const chain = [process.pid, process.ppid];
  const grandparent = parentOf(process.ppid);
  if (grandparent !== undefined && grandparent > 1) chain.push(grandparent);
  if (parentOf(process.pid) === undefined) {
    const first = process.ppid;
    return () => {
      try {
        process.kill(first, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
      }
    };
  }
  return () => chain.slice(0, -1).some((pid, i) => parentOf(pid) !== chain[i + 1]);
}

/** How often the runner checks that npm/npx, when it started the runner, is still there. */
const PARENT_POLL_MS = 500;

/** Why the run is being stopped (a signal, npm gone), once shutdownKernelsOnSignals has begun stopping it. */
let runStopReason: string | undefined;

/**
 * Set while a signal is stopping the run: a kernel that dies now was shut
 * down on purpose, and execute-notebook reports the cell as stopped, not as
 * a cell that killed its kernel.
 */
export function stoppedBy(): string | undefined {
  return runStopReason;
}

/**
 * Until the returned function is called, SIGINT / SIGTERM to this process
 * shut every live kernel down first and then exit (130 / 143). Without it a
 * Ctrl-C would end the runner but not the kernel: tslab treats SIGINT as
 * "interrupt the cell" and keeps running.
 *
 * Under npm (`npx convkit run`, `npm start`, `npm run notebooks:update`) a
 * signal reaches npm, which ends itself and the `sh -c` it started, while
 * this process — re-parented — would go on. So when npm started us
 * (npm_command is set), losing the parent counts as SIGTERM. Outside npm
 * the runner keeps going when its parent leaves (`nohup convkit run … &`).
 */
export function shutdownKernelsOnSignals(label: string): () => void {
  const stop = (signal: NodeJS.Signals, why: string): void => {
    if (runStopReason !== undefined) return;
    runStopReason = why;
    process.stderr.write(`\n${label}: ${why}, shutting the kernel down\n`);
    void shutdownAllKernels().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const onSignal = (signal: NodeJS.Signals): void => stop(signal, signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const parent = process.ppid;
  const broken = process.env.npm_command ? ancestryWatch() : undefined;
  const watch = broken
    ? setInterval(() => {
        if (broken()) stop('SIGTERM', `npm (or the shell it started, process ${parent}) has ended`);
      }, PARENT_POLL_MS)
    : undefined;
  watch?.unref();
  return () => {
    clearInterval(watch);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
