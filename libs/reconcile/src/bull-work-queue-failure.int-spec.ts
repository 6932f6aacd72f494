import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { useTestRedis } from '#testing';
import { BullWorkQueue } from './bull-work-queue.js';
import { waitUntil } from './testing/wait-until.js';

describe('BullWorkQueue when a worker or Redis fails', () => {
  const t = useTestRedis();

  test('a key whose worker process was killed mid-job runs again on another worker', async () => {
    const name = 'stall';
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('./testing/hanging-worker.js', import.meta.url)), t.redis.socketPath, name, '1000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await waitUntil(() => output.includes('ready'), 20_000, 'child worker ready');
      const queue = new BullWorkQueue({ name, connection: t.connection, stalledIntervalMs: 500 });
      try {
        await queue.add('default/orphan');
        await waitUntil(() => output.includes('started default/orphan'), 20_000, 'child took the key');
        child.kill('SIGKILL');
        await exited;
        const runs: string[] = [];
        await queue.run({ name, reconcile: async (key) => void runs.push(key) });
        // The child's 1 s lock expires, the stalled check moves the job back to wait.
        await waitUntil(() => runs.length > 0, 30_000, 'stalled key recovered');
        assert.deepEqual(runs, ['default/orphan']);
      } finally {
        await queue.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
