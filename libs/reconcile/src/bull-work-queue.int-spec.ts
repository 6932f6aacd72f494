import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { startTestRedis, type TestRedis } from '#testing';
import { BullWorkQueue } from './bull-work-queue.js';
import type { BullWorkQueueOptions } from './bull-work-queue-options.js';
import type { Reconciler, ReconcileResult } from './reconciler.js';
import { waitUntil } from './testing/wait-until.js';

let redis: TestRedis;
let connection: Redis;
let queueCount = 0;
const open: BullWorkQueue[] = [];

before(async () => {
  redis = await startTestRedis();
  connection = new Redis({ path: redis.socketPath });
});

after(async () => {
  await Promise.all(open.map((q) => q.close()));
  connection.disconnect();
  await redis.stop();
});

function newQueue(name: string, extra: Partial<BullWorkQueueOptions> = {}): BullWorkQueue {
  const queue = new BullWorkQueue({ name, connection, ...extra });
  open.push(queue);
  return queue;
}

/** A reconciler that records runs and fails the test's bookkeeping if a key ever runs twice at once. */
class RecordingReconciler implements Reconciler {
  readonly active = new Set<string>();
  readonly runs = new Map<string, number[]>();
  overlaps = 0;
  total = 0;

  constructor(
    readonly name: string,
    private readonly body: (key: string, run: number) => Promise<ReconcileResult> = () => sleep(5),
  ) {}

  async reconcile(key: string): Promise<ReconcileResult> {
    if (this.active.has(key)) this.overlaps++;
    this.active.add(key);
    const times = this.runs.get(key) ?? [];
    times.push(Date.now());
    this.runs.set(key, times);
    this.total++;
    try {
      return await this.body(key, times.length);
    } finally {
      this.active.delete(key);
    }
  }

  count(key: string): number {
    return this.runs.get(key)?.length ?? 0;
  }
}

function uniqueName(base: string): string {
  return `${base}-${++queueCount}`;
}

describe('BullWorkQueue', () => {
  test('1,000 adds of 10 keys while processing: every key runs, never twice at once', async () => {
    const name = uniqueName('many');
    const queue = newQueue(name);
    const reconciler = new RecordingReconciler(name, () => sleep(2));
    await queue.run(reconciler, { concurrency: 4 });
    const keys = Array.from({ length: 10 }, (_, i) => `default/rs-${i}`);
    for (let i = 0; i < 1000; i++) {
      await queue.add(keys[i % 10]);
      if (i % 50 === 0) await sleep(1);
    }
    await waitUntil(async () => (await queue.depth()) === 0 && reconciler.active.size === 0, 30_000, 'queue drained');
    await sleep(300);
    await waitUntil(() => reconciler.active.size === 0);
    for (const key of keys) assert.ok(reconciler.count(key) >= 1, `${key} was processed`);
    assert.equal(reconciler.overlaps, 0, 'no key ran concurrently');
    // Deduplication: far fewer runs than adds (each key waits at most once, plus one dirty re-run).
    assert.ok(reconciler.total < 1000, `${reconciler.total} runs for 1000 adds`);
  });

  test('a key added while it is processed runs exactly once more, after the current run', async () => {
    const name = uniqueName('dirty');
    const queue = newQueue(name);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reconciler = new RecordingReconciler(name, async (_key, run) => {
      if (run === 1) await gate;
    });
    await queue.run(reconciler, { concurrency: 4 });
    await queue.add('default/web');
    await waitUntil(() => reconciler.active.has('default/web'), 20_000, 'first run started');
    for (let i = 0; i < 5; i++) await queue.add('default/web');
    await sleep(200);
    assert.equal(reconciler.count('default/web'), 1, 'not run again while active');
    release();
    await waitUntil(() => reconciler.count('default/web') === 2, 20_000, 'second run');
    await sleep(1000);
    assert.equal(reconciler.count('default/web'), 2, 'exactly one run after the dirty adds');
    assert.equal(reconciler.overlaps, 0);
  });

  test('two queue instances on one queue split the work and never overlap on a key', async () => {
    const name = uniqueName('split');
    const active = new Set<string>();
    let overlaps = 0;
    const perInstance = [0, 0];
    const make = (index: number): Reconciler => ({
      name,
      async reconcile(key) {
        if (active.has(key)) overlaps++;
        active.add(key);
        perInstance[index]++;
        await sleep(20);
        active.delete(key);
      },
    });
    const a = newQueue(name);
    const b = newQueue(name);
    await a.run(make(0), { concurrency: 2 });
    await b.run(make(1), { concurrency: 2 });
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 20; i++) await a.add(`ns/key-${i}`);
      await sleep(30);
    }
    await waitUntil(async () => (await a.depth()) === 0 && active.size === 0, 30_000, 'drained');
    await sleep(500);
    assert.equal(overlaps, 0, 'no key ran on both instances at once');
    assert.ok(perInstance[0] > 0 && perInstance[1] > 0, `both instances worked: ${perInstance}`);
  });

  test('errors back off exponentially per key and the backoff resets on success', async () => {
    const name = uniqueName('backoff');
    const queue = newQueue(name, { backoff: { baseMs: 200, maxMs: 60_000 } });
    // Runs 1-4 fail (retries after 200, 400, 800 ms), run 5 succeeds, run 6 (a fresh add) fails again.
    const reconciler = new RecordingReconciler(name, async (_key, run) => {
      if (run <= 4 || run === 6) throw new Error(`failure ${run}`);
    });
    await queue.run(reconciler);
    await queue.add('default/flaky');
    await waitUntil(() => reconciler.count('default/flaky') === 4, 30_000, 'four failures');
    assert.equal(await queue.numRequeues('default/flaky'), 4);
    await waitUntil(() => reconciler.count('default/flaky') === 5, 30_000, 'success');
    await waitUntil(async () => (await queue.numRequeues('default/flaky')) === 0, 5_000, 'reset');
    const t = reconciler.runs.get('default/flaky')!;
    // Lower bounds only: the delays are at least 200, 400, 800, 1600 ms.
    assert.ok(t[1] - t[0] >= 180, `first retry after ${t[1] - t[0]} ms`);
    assert.ok(t[3] - t[2] >= 720, `third retry after ${t[3] - t[2]} ms`);
    assert.ok(t[4] - t[3] >= 1440, `fourth retry after ${t[4] - t[3]} ms`);
    await queue.add('default/flaky');
    await waitUntil(() => reconciler.count('default/flaky') === 7, 30_000, 'retry after the reset');
    assert.equal(await queue.numRequeues('default/flaky'), 0, 'run 7 succeeded');
    const u = reconciler.runs.get('default/flaky')!;
    // After the reset the first retry waits the base delay again, far below the 3.2 s a fifth failure in a row would.
    assert.ok(u[6] - u[5] < 3000, `retry after reset took ${u[6] - u[5]} ms`);
  });

  test('a retry that succeeds in another process resets the failure count', async () => {
    const name = uniqueName('handover');
    const first = newQueue(name, { backoff: { baseMs: 1500, maxMs: 1500 } });
    const failing = new RecordingReconciler(name, async () => {
      throw new Error('fails here');
    });
    await first.run(failing);
    await first.add('default/moved');
    await waitUntil(async () => (await first.numRequeues('default/moved')) === 1, 20_000, 'first failure counted');
    await first.close(); // its retry, 1.5 s later, is taken by the second process
    const second = newQueue(name);
    const succeeding = new RecordingReconciler(name);
    await second.run(succeeding);
    await waitUntil(() => succeeding.count('default/moved') === 1, 20_000, 'the retry ran on the second process');
    await waitUntil(async () => (await second.numRequeues('default/moved')) === 0, 5_000, 'count reset');
  });

  test('requeueAfterMs runs the key again after the delay', async () => {
    const name = uniqueName('requeue');
    const queue = newQueue(name);
    const reconciler = new RecordingReconciler(name, async (_key, run) =>
      run === 1 ? { requeueAfterMs: 1500 } : undefined,
    );
    await queue.run(reconciler);
    await queue.add('default/deadline');
    await waitUntil(() => reconciler.count('default/deadline') === 2, 30_000, 'requeued run');
    const [first, second] = reconciler.runs.get('default/deadline')!;
    assert.ok(second - first >= 1400, `requeued after ${second - first} ms`);
  });

  test('a delayed re-add and a fresh add coalesce: the earlier wins', async () => {
    const name = uniqueName('coalesce');
    const queue = newQueue(name);
    const reconciler = new RecordingReconciler(name);
    await queue.run(reconciler);

    await queue.addAfter('default/a', 60_000);
    await queue.add('default/a');
    await waitUntil(() => reconciler.count('default/a') === 1, 20_000, 'fresh add beats a delayed one');

    await queue.addAfter('default/b', 60_000);
    await queue.addAfter('default/b', 300);
    await waitUntil(() => reconciler.count('default/b') === 1, 20_000, 'the sooner addAfter wins');

    await queue.addAfter('default/c', 300);
    await queue.addAfter('default/c', 60_000);
    await waitUntil(() => reconciler.count('default/c') === 1, 20_000, 'a later addAfter does not postpone');

    await sleep(1000);
    assert.deepEqual(
      ['default/a', 'default/b', 'default/c'].map((k) => reconciler.count(k)),
      [1, 1, 1],
      'each coalesced key ran once',
    );
    assert.equal(await queue.depth(), 0);
  });

  test('metrics count adds, runs, retries and depth', async () => {
    const name = uniqueName('metrics');
    const registry = new Registry();
    const queue = newQueue(name, { registry, backoff: { baseMs: 10, maxMs: 100 } });
    for (const key of ['ns/x', 'ns/y', 'ns/z', 'ns/x']) await queue.add(key);
    const value = async (metric: string, suffix = '') => {
      const json = await registry.getMetricsAsJSON();
      const found = json.find((m) => m.name === metric);
      const sample = found?.values.find(
        (v) =>
          v.labels.name === name && (!suffix || (v as { metricName?: string }).metricName === `${metric}${suffix}`),
      );
      return sample?.value;
    };
    assert.equal(await value('workqueue_depth'), 3, 'three distinct keys wait');
    assert.equal(await value('workqueue_adds_total'), 4);
    const reconciler = new RecordingReconciler(name, async (key, run) => {
      if (key === 'ns/y' && run === 1) throw new Error('once');
    });
    await queue.run(reconciler);
    await waitUntil(() => reconciler.total === 4, 20_000, 'three runs and one retry');
    await waitUntil(
      async () => (await value('workqueue_work_duration_seconds', '_count')) === 4,
      5_000,
      'work observed',
    );
    assert.equal(await value('workqueue_retries_total'), 1);
    assert.equal(await value('workqueue_queue_duration_seconds', '_count'), 4);
    assert.equal(await value('workqueue_depth'), 0);
  });

  test('healthy() is false when the worker is closed', async () => {
    const name = uniqueName('health');
    const queue = newQueue(name);
    assert.equal(queue.healthy(), false, 'no worker yet');
    await queue.run(new RecordingReconciler(name));
    assert.equal(queue.healthy(), true);
    await queue.close();
    assert.equal(queue.healthy(), false);
  });
});
