/**
 * A worker process for the stalled-job test: runs a BullWorkQueue whose reconciler announces
 * the key on stdout and never finishes, so the parent can SIGKILL it mid-job.
 * argv: <redis socket path> <queue name> <lock duration ms>
 */
import { Redis } from 'ioredis';
import { BullWorkQueue } from '../bull-work-queue.js';

const [socketPath, name, lockDurationMs] = process.argv.slice(2);
const queue = new BullWorkQueue({
  name,
  connection: new Redis({ path: socketPath }),
  lockDurationMs: Number(lockDurationMs),
});
await queue.run({
  name,
  async reconcile(key) {
    process.stdout.write(`started ${key}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('ready\n');
