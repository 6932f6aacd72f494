import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerReport } from './worker-report.js';

/** A running client-worker.ts: its clients are subscribed once `ready` resolves. */
export interface ClientProcess {
  ready: Promise<void>;
  /** "start" and "stop" bound the measured window. */
  send(message: 'start' | 'stop'): void;
  /** Closes the clients and resolves with what they measured; the process then exits. */
  finish(): Promise<WorkerReport & { peer: boolean }>;
  kill(): void;
}

/** Forks a client process; `env` says which clients it holds (see client-worker.ts). */
export function startClientProcess(env: Record<string, string>): ClientProcess {
  const child = fork(join(import.meta.dirname, 'client-worker.js'), { env: { ...process.env, ...env } });
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench client process exited with ${code}`)));
  });
  ready.catch(() => undefined);
  return {
    ready,
    send: (message) => child.send(message),
    finish: () =>
      new Promise((resolve) => {
        child.once('message', (report: WorkerReport) => resolve({ ...report, peer: env['PEER'] === '1' }));
        child.send('finish');
      }),
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}
