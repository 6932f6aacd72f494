import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { BUILTIN_RESOURCES, type KubeObject, type Node, type Pod } from '#api';
import { createApiClient, EventRecorder, InformerFactory, type ApiClient } from '#client';
import { BullWorkQueue } from '#reconcile';
import { startTestApiserver, type TestApiserver } from '#testing';
import { CapacityLedger } from './ledger/capacity-ledger.js';
import { InsufficientCapacityError } from './ledger/insufficient-capacity-error.js';
import { fakeNode } from './testing/fake-node.js';
import { fakePod } from './testing/fake-pod.js';
import { wireScheduler } from './wire-scheduler.js';

const type = (name: string) => BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === name)!;

/** Counts the reservations the ledger refused for want of room. */
class CountingLedger extends CapacityLedger {
  refusals = 0;

  override async reserve(...args: Parameters<CapacityLedger['reserve']>): Promise<void> {
    try {
      await super.reserve(...args);
    } catch (err) {
      if (err instanceof InsufficientCapacityError) this.refusals++;
      throw err;
    }
  }
}

/** One scheduler process's parts, in this process, as main.ts wires them. */
async function startScheduler(
  api: TestApiserver,
  stops: (() => Promise<void> | void)[],
  makeLedger: (redis: Redis) => CapacityLedger = (redis) => new CapacityLedger(redis),
): Promise<void> {
  const client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
  const redis = new Redis({ path: api.redis.socketPath, protocol: 2 });
  const informers = new InformerFactory(client);
  const pods = informers.informerFor<Pod>(type('pods'));
  const nodes = informers.informerFor<Node>(type('nodes'));
  const ledger = makeLedger(redis);
  const events = new EventRecorder(client, { component: 'default-scheduler' });
  const queue = new BullWorkQueue({ name: 'scheduler', connection: redis });
  const { reconciler } = wireScheduler({ client, pods, nodes, queue, ledger, events, onError: () => {} });
  await informers.startAll();
  await queue.run(reconciler, { concurrency: 16 });
  stops.push(async () => {
    await queue.close();
    informers.stopAll();
    await events.flush();
    client.close();
    redis.disconnect();
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await sleep(250);
}

describe('two schedulers against a real apiserver', () => {
  let api: TestApiserver;
  let admin: ApiClient;
  const stops: (() => Promise<void> | void)[] = [];

  before(async () => {
    api = await startTestApiserver();
    admin = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop();
    admin.close();
    await api.stop();
  });

  it('binds at most 10 pods / 1 cpu per node and reports FailedScheduling for the rest', async () => {
    for (const name of ['node-a', 'node-b', 'node-c']) await admin.create(type('nodes'), fakeNode(name));
    await startScheduler(api, stops);
    await startScheduler(api, stops);
    for (let i = 0; i < 40; i++) await admin.create(type('pods'), fakePod(`p${i}`, { cpu: '100m' }));

    let bound: Pod[] = [];
    let failed = new Set<string>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const pods = (await admin.list<Pod>(type('pods'), { namespace: 'default' })).items;
      bound = pods.filter((p) => p.spec?.nodeName);
      const events = (await admin.list<KubeObject>(type('events'), { namespace: 'default' })).items;
      failed = new Set(
        events
          .filter((e) => e['reason'] === 'FailedScheduling')
          .map((e) => (e['involvedObject'] as { name: string }).name),
      );
      const unbound = pods.filter((p) => !p.spec?.nodeName);
      if (bound.length === 30 && unbound.every((p) => failed.has(p.metadata.name!))) break;
      await sleep(250);
    }
    const perNode = new Map<string, number>();
    for (const p of bound) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
    for (const [node, count] of perNode) assert.ok(count <= 10, `${node} has ${count} pods (100m each)`);
    assert.equal(bound.length, 30);
    const unbound = 40 - bound.length;
    const unboundFailed = [...failed].filter((name) => !bound.some((p) => p.metadata.name === name));
    assert.equal(unboundFailed.length, unbound);
    const pending = await admin.get<Pod>(type('pods'), 'default', unboundFailed[0]);
    const condition = pending?.status?.conditions?.find((c) => c.type === 'PodScheduled');
    assert.equal(condition?.status, 'False');
    assert.equal(condition?.reason, 'Unschedulable');
    // 10 x 100m fill both the pod count and the cpu of every node.
    assert.equal(
      condition?.message,
      '0/3 nodes are available: 3 Insufficient cpu, 3 Too many pods. ' +
        'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });
});

describe('one scheduler with cycles running concurrently', () => {
  let api: TestApiserver;
  let admin: ApiClient;
  const stops: (() => Promise<void> | void)[] = [];

  before(async () => {
    api = await startTestApiserver();
    admin = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
  });
  after(async () => {
    for (const stop of stops.reverse()) await stop();
    admin.close();
    await api.stop();
  });

  it('counts a pod on its node from the moment it is placed, so its own cycles never race for the last room', async () => {
    await admin.create(type('nodes'), fakeNode('only', { pods: '3' }));
    // Pending before the scheduler starts: all 12 are queued at once and run 16 at a time.
    for (let i = 0; i < 12; i++) await admin.create(type('pods'), fakePod(`q${i}`, { cpu: '10m' }));
    let ledger: CountingLedger | undefined;
    await startScheduler(api, stops, (redis) => (ledger = new CountingLedger(redis)));

    let pods: Pod[] = [];
    let failed = new Set<string>();
    await waitFor(async () => {
      pods = (await admin.list<Pod>(type('pods'), { namespace: 'default' })).items;
      const events = (await admin.list<KubeObject>(type('events'), { namespace: 'default' })).items;
      failed = new Set(
        events
          .filter((e) => e['reason'] === 'FailedScheduling')
          .map((e) => (e['involvedObject'] as { name: string }).name),
      );
      return pods.filter((p) => !p.spec?.nodeName).every((p) => failed.has(p.metadata.name!));
    }, 60_000);
    assert.equal(pods.filter((p) => p.spec?.nodeName === 'only').length, 3);
    assert.equal(failed.size, 9);
    // Every refusal came from the cache's assumed pods; the Redis ledger never had to step in.
    assert.equal(ledger?.refusals, 0);
  });
});
