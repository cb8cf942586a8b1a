import { spawn, type ChildProcess } from 'node:child_process';
import { distFile } from './paths';

export interface Child {
  name: string;
  proc: ChildProcess;
  /** The last few kilobytes the child wrote, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const TAIL_BYTES = 4000;

/**
 * Runs a compiled script (a path under dist/) in its own Node process, so the load generator and
 * the server under test never share an event loop. Only PATH and `env` reach the child.
 */
export function spawnNode(name: string, script: string, args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, [distFile(script), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-TAIL_BYTES);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null) resolve();
    proc.once('exit', () => resolve());
  });
  return {
    name,
    proc,
    tail: () => out,
    stop: async (graceMs = 15_000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited with ${child.proc.exitCode}: ${child.tail()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name}: ${url} did not answer within ${timeoutMs} ms: ${child.tail()}`);
}

export async function stopAll(children: Child[]): Promise<void> {
  await Promise.all(children.map((c) => c.stop()));
}
