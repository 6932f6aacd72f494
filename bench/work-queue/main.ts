// `npm run bench -- work-queue [--quick]`: what one key costs on libs/reconcile's BullWorkQueue
// (the queue of the scheduler and of every controller) against plain BullMQ on the same Redis:
// client CPU and Redis CPU to add a key, and to take, run and complete it. The scheduler pays
// this once per pod, so it bounds how much of a 2-core machine's pods/s is left for scheduling.
// Prints a table and regenerates the `## work-queue` section of docs/benchmarks.md.
import { loadavg } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { BullWorkQueue, QUEUE_PREFIX } from '#reconcile';
import { connectRedis } from '#store';
import { startTestRedis } from '#testing';
import { writeBenchmarkSection } from '../support/docs-section.js';
import { describeMachine, machineLines } from '../support/machine.js';
import { redisUsageSince, type RedisUsage } from '../support/redis-usage.js';
import { median } from '../support/stats.js';
import { rate, renderTable } from '../support/table.js';

const quick = process.argv.includes('--quick');
const KEYS = quick ? 2_000 : 10_000;
/** Rounds of both queues, alternating, so that drift on a shared machine hits them alike. */
const ROUNDS = quick ? 1 : 3;
/** Keys of the unrecorded round 0, which warms up both queues' code paths. */
const WARMUP_KEYS = 1_000;
/** The scheduler's default KUBENEST_SCHEDULER_CONCURRENCY. */
const CONCURRENCY = 16;
/** Jobs per addBulk for the plain BullMQ peer: the same batching BullWorkQueue does. */
const PEER_ADD_BATCH = 200;

interface Phase {
  wallMs: number;
  clientCpuUs: number;
  redis: RedisUsage;
}

interface Row {
  queue: string;
  round: number;
  add: Phase;
  run: Phase;
}

/** One queue implementation: add every key, then run them all with a reconcile that does nothing. */
interface Contender {
  name: string;
  /** Creates the queue on the connection (not measured). */
  open(connection: Redis): Promise<void>;
  addAll(keys: string[]): Promise<void>;
  runAll(keys: number): Promise<void>;
  close(): Promise<void>;
}

const loadAtStart = loadavg();
const redisServer = await startTestRedis();
const rows: Row[] = [];
try {
  for (const make of [workQueue, plainBullmq]) await measure(make(), 0, WARMUP_KEYS);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const make of [workQueue, plainBullmq]) rows.push(await measure(make(), round, KEYS));
  }
} finally {
  await redisServer.stop();
}

const table = renderRows(rows);
console.log(table);
const machine = describeMachine();
await writeBenchmarkSection('work-queue', section(), machine);
console.error('bench work-queue: wrote the `## work-queue` section of docs/benchmarks.md');

async function measure(contender: Contender, round: number, count: number): Promise<Row> {
  const connection = await connectRedis(redisServer.url, { warn: () => undefined, error: () => undefined });
  await connection.flushall();
  const keys = Array.from({ length: count }, (_, i) => `bench/pod-${i}`);
  try {
    await contender.open(connection);
    const add = await phase(() => contender.addAll(keys));
    const run = await phase(() => contender.runAll(keys.length));
    console.error(`bench work-queue: ${contender.name}, round ${round}: ${rate(count / (run.wallMs / 1000))} keys/s`);
    return { queue: contender.name, round, add, run };
  } finally {
    await contender.close();
    connection.disconnect();
  }
}

async function phase(work: () => Promise<void>): Promise<Phase> {
  const redisUsage = await redisUsageSince(redisServer.url);
  const cpu = process.cpuUsage();
  const began = performance.now();
  await work();
  const wallMs = performance.now() - began;
  const used = process.cpuUsage(cpu);
  return { wallMs, clientCpuUs: used.user + used.system, redis: await redisUsage() };
}

function workQueue(): Contender {
  let queue: BullWorkQueue | undefined;
  return {
    name: 'BullWorkQueue (per-key deduplication)',
    async open(connection) {
      queue = new BullWorkQueue({ name: 'bench', connection });
    },
    async addAll(keys) {
      await Promise.all(keys.map((key) => queue!.add(key)));
    },
    async runAll(count) {
      let done = 0;
      await new Promise<void>((resolve, reject) => {
        queue!
          .run(
            { name: 'bench', reconcile: async () => void (++done === count && resolve()) },
            { concurrency: CONCURRENCY },
          )
          .catch(reject);
      });
    },
    async close() {
      await queue?.close();
    },
  };
}

/** The peer: BullMQ as its README shows it, without deduplication, removing finished jobs. */
function plainBullmq(): Contender {
  let queue: Queue | undefined;
  let worker: Worker | undefined;
  let workerConnection: Redis | undefined;
  return {
    name: 'plain BullMQ Queue + Worker',
    async open(connection) {
      queue = new Queue('bench-peer', { connection, prefix: QUEUE_PREFIX });
      workerConnection = connection.duplicate({ maxRetriesPerRequest: null });
      await queue.waitUntilReady();
    },
    async addAll(keys) {
      for (let i = 0; i < keys.length; i += PEER_ADD_BATCH) {
        const batch = keys.slice(i, i + PEER_ADD_BATCH);
        await queue!.addBulk(
          batch.map((key) => ({ name: 'reconcile', data: { key }, opts: { removeOnComplete: true } })),
        );
      }
    },
    async runAll(count) {
      let done = 0;
      await new Promise<void>((resolve) => {
        worker = new Worker('bench-peer', async () => void (++done === count && resolve()), {
          connection: workerConnection!,
          prefix: QUEUE_PREFIX,
          concurrency: CONCURRENCY,
        });
      });
    },
    async close() {
      await worker?.close();
      workerConnection?.disconnect();
      await queue?.close();
    },
  };
}

function perKey(value: number): string {
  return Math.round(value / KEYS).toString();
}

function scriptUs(usage: RedisUsage): number {
  return usage.commands.filter((c) => c.command === 'evalsha').reduce((sum, c) => sum + c.usec, 0);
}

function renderRows(list: readonly Row[]): string {
  return renderTable(
    [
      'queue',
      'round',
      'add: client CPU µs/key',
      'add: Redis CPU µs/key',
      'run: keys/s',
      'run: client CPU µs/key',
      'run: Redis CPU µs/key',
      'run: in scripts µs/key',
    ],
    list.map((r) => [
      r.queue,
      r.round,
      perKey(r.add.clientCpuUs),
      perKey(r.add.redis.cpuSeconds * 1e6),
      rate(KEYS / (r.run.wallMs / 1000)),
      perKey(r.run.clientCpuUs),
      perKey(r.run.redis.cpuSeconds * 1e6),
      perKey(scriptUs(r.run.redis)),
    ]),
  );
}

function section(): string {
  return [
    `Command: \`npm run bench -- work-queue${quick ? ' --quick' : ''}\`${quick ? ' — **quick mode: fewer keys, one round; figures are indicative only**' : ''}`,
    '',
    ...machineLines(machine),
    `- Load average (1, 5, 15 min): ${loadAtStart.map((v) => v.toFixed(2)).join(', ')} at start`,
    '',
    'Method:',
    '',
    `- A private Redis (unix socket, no persistence), flushed before each queue's turn. A first round of ${WARMUP_KEYS} keys per queue warms up the code paths and is not recorded. ${KEYS} keys are added at once, then one worker (concurrency ${CONCURRENCY}, the scheduler's default) runs them with a reconcile that does nothing, until all are done. ${ROUNDS} round(s), the two queues alternating.`,
    '- BullWorkQueue: libs/reconcile, as the scheduler and the controllers use it (a random job id and BullMQ deduplication keyed by the object key with keepLastIfActive, adds of one tick sent in pipelines of 200).',
    `- Peer: plain BullMQ (the same version, same Redis) as its documentation shows it, addBulk in batches of ${PEER_ADD_BATCH} and a Worker removing completed jobs, with no deduplication: the floor for any queue built on BullMQ.`,
    "- Client CPU: this process's user + system time over the phase (only the queue runs in it). Redis CPU: the server's used_cpu_user + used_cpu_sys over the phase; \"in scripts\": EVALSHA time from INFO commandstats (BullMQ's Lua scripts, the commands they run included).",
    '',
    table,
    '',
    '### Reading',
    '',
    ...reading(),
  ].join('\n');
}

function reading(): string[] {
  const of = (queue: string, pick: (r: Row) => number) => median(rows.filter((r) => r.queue === queue).map(pick));
  const [ours, peer] = [...new Set(rows.map((r) => r.queue))];
  const total = (queue: string) =>
    of(
      queue,
      (r) => r.add.clientCpuUs + r.add.redis.cpuSeconds * 1e6 + r.run.clientCpuUs + r.run.redis.cpuSeconds * 1e6,
    ) / KEYS;
  return [
    `- CPU per key, add + run, client and Redis together (median of the rounds): ${ours} ${Math.round(total(ours))} µs, ${peer} ${Math.round(total(peer))} µs.`,
    "- What the peer costs is BullMQ's own, for any queue built on it: building each job and its msgpack options in the client, and in Redis one Lua script to add a job and one to complete it and fetch the next, each running tens of Redis commands. The scheduler pays this once per pod (docs/scheduler.md).",
  ];
}
