/**
 * The kernel connection file: five TCP ports on 127.0.0.1 and a fresh HMAC
 * key, written where only this user can read it (mode 0600, inside a private
 * mkdtemp folder). tslab binds the ports it is told, so we pick them: ask the
 * OS for free ephemeral ports by listening on port 0, then release them just
 * before the kernel starts (the same trick jupyter_client uses).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ConnectionInfo {
  transport: 'tcp';
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: 'hmac-sha256';
  kernel_name: string;
}

export type Channel = 'shell' | 'iopub' | 'stdin' | 'control' | 'hb';

/** `tcp://127.0.0.1:PORT` for one channel. */
export function channelAddress(info: ConnectionInfo, channel: Channel): string {
  return `${info.transport}://${info.ip}:${info[`${channel}_port`]}`;
}

/** `count` distinct free TCP ports on `ip`, held open together so none repeats. */
export async function findFreePorts(count: number, ip = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, ip, () => resolve((server.address() as { port: number }).port));
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** A connection file on disk; `dispose()` removes it and its private folder. */
export interface ConnectionFile {
  readonly path: string;
  readonly info: ConnectionInfo;
  dispose(): void;
}

/** Picks ports and a key and writes the connection file into a new temp folder. */
export async function createConnectionFile(kernelName = 'convkit-tslab'): Promise<ConnectionFile> {
  const [shell, iopub, stdin, control, hb] = (await findFreePorts(5)) as [number, number, number, number, number];
  const info: ConnectionInfo = {
    transport: 'tcp',
    ip: '127.0.0.1',
    shell_port: shell,
    iopub_port: iopub,
    stdin_port: stdin,
    control_port: control,
    hb_port: hb,
    key: randomBytes(32).toString('hex'),
    signature_scheme: 'hmac-sha256',
    kernel_name: kernelName,
  };
  const folder = mkdtempSync(join(tmpdir(), 'convkit-kernel-'));
  const path = join(folder, `kernel-${randomBytes(6).toString('hex')}.json`);
  writeFileSync(path, JSON.stringify(info, null, 1), { mode: 0o600 });
  return {
    path,
    info,
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}
