import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startTestRedis, type TestRedis } from '#testing';
import { CapacityLedger } from './capacity-ledger.js';
import { InsufficientCapacityError } from './insufficient-capacity-error.js';
import type { LedgerNode, LedgerPod } from './ledger-entry.js';
import { ReservationHeldError } from './reservation-held-error.js';

const NODES: LedgerNode[] = ['n1', 'n2', 'n3'].map((name) => ({
  name,
  cpuMilli: 1000,
  memoryBytes: 1024 ** 3,
  pods: 110,
}));

describe('CapacityLedger (real Redis)', () => {
  let server: TestRedis;
  const connections: Redis[] = [];
  let now = 1_000_000;
  const clock = () => now;
  const ledger = async () => {
    const redis = new Redis({ path: server.socketPath });
    connections.push(redis);
    return new CapacityLedger(redis, { graceMs: 60_000, clock });
  };

  before(async () => {
    server = await startTestRedis();
  });
  after(async () => {
    for (const c of connections) c.disconnect();
    await server.stop();
  });
  beforeEach(async () => {
    await connections[0]?.flushall();
  });

  it('two users reserving 1,000 pods concurrently on 3 nodes never exceed any allocatable', async () => {
    const users = [await ledger(), await ledger()];
    // 10..100m and 8..64Mi per pod: about 3 nodes x 1000m / 55m = ~55 pods fit, the rest must be refused.
    const pods: LedgerPod[] = Array.from({ length: 1000 }, (_, i) => ({
      uid: `pod-${i}`,
      cpuMilli: 10 + (i % 10) * 10,
      memoryBytes: (8 + (i % 8) * 8) * 1024 * 1024,
    }));
    let placed = 0;
    let refused = 0;
    const place = async (user: CapacityLedger, pod: LedgerPod) => {
      const order = [...NODES].sort(() => Math.random() - 0.5);
      for (const node of order) {
        try {
          await user.reserve(node, pod);
          placed++;
          return;
        } catch (err) {
          if (err instanceof ReservationHeldError) return; // the other user has it elsewhere
          if (!(err instanceof InsufficientCapacityError)) throw err;
        }
      }
      refused++;
    };
    // Both users work through the same pods in parallel batches, as two scheduler processes would.
    for (let i = 0; i < pods.length; i += 50) {
      const batch = pods.slice(i, i + 50);
      await Promise.all(batch.flatMap((pod, j) => [place(users[j % 2], pod), place(users[(j + 1) % 2], pod)]));
    }
    let total = 0;
    for (const node of NODES) {
      const usage = await users[0].usage(node.name);
      assert.ok(usage.cpuMilli <= node.cpuMilli, `${node.name} cpu ${usage.cpuMilli}m`);
      assert.ok(usage.memoryBytes <= node.memoryBytes, `${node.name} memory ${usage.memoryBytes}`);
      assert.ok(usage.pods <= node.pods);
      // Nearly full: a node refuses only when the smallest pod (10m) no longer fits.
      assert.ok(usage.cpuMilli > node.cpuMilli - 100, `${node.name} only ${usage.cpuMilli}m used`);
      total += usage.pods;
    }
    // Each pod was offered twice; a pod is reserved at most once, wherever it landed.
    assert.ok(refused > 0);
    assert.ok(placed >= total);
    const reservedUids = new Set<string>();
    for (const node of NODES) {
      for (const uid of await connections[0].hkeys(`{kubenest}:sched:res:${node.name}`)) {
        assert.ok(!reservedUids.has(uid), `${uid} reserved twice`);
        reservedUids.add(uid);
      }
    }
    assert.equal(reservedUids.size, total);
  });

  it('refuses the pod count and frees capacity on release', async () => {
    const user = await ledger();
    const small: LedgerNode = { name: 'tiny', cpuMilli: 1000, memoryBytes: 1024 ** 3, pods: 2 };
    await user.reserve(small, { uid: 'a', cpuMilli: 600, memoryBytes: 0 });
    await assert.rejects(
      user.reserve(small, { uid: 'b', cpuMilli: 500, memoryBytes: 0 }),
      (err: InsufficientCapacityError) => err instanceof InsufficientCapacityError && err.resources.join() === 'cpu',
    );
    await user.reserve(small, { uid: 'b', cpuMilli: 400, memoryBytes: 0 });
    await assert.rejects(
      user.reserve(small, { uid: 'c', cpuMilli: 0, memoryBytes: 0 }),
      (err: InsufficientCapacityError) => err.resources.join() === 'pods',
    );
    await user.release('a');
    assert.deepEqual(await user.usage('tiny'), { pods: 1, cpuMilli: 400, memoryBytes: 0 });
    await user.reserve(small, { uid: 'c', cpuMilli: 600, memoryBytes: 0 });
    await user.release('never-reserved');
  });

  it('is idempotent on the same node and refuses a fresh reservation held on another node', async () => {
    const user = await ledger();
    const pod = { uid: 'p', cpuMilli: 100, memoryBytes: 0 };
    await user.reserve(NODES[0], pod);
    await user.reserve(NODES[0], pod);
    assert.equal((await user.usage('n1')).pods, 1);
    await assert.rejects(user.reserve(NODES[1], pod), ReservationHeldError);
    now += 61_000; // the holder crashed long ago: the pod may move
    await user.reserve(NODES[1], pod);
    assert.equal((await user.usage('n1')).pods, 0);
    assert.equal(await user.reservedNode('p'), 'n2');
  });

  it('charges pods the caller sees bound but the ledger lacks', async () => {
    const user = await ledger();
    const bound = [{ uid: 'by-hand', cpuMilli: 950, memoryBytes: 0 }];
    await assert.rejects(
      user.reserve(NODES[0], { uid: 'p', cpuMilli: 100, memoryBytes: 0 }, bound),
      InsufficientCapacityError,
    );
    assert.equal((await user.usage('n1')).cpuMilli, 950);
  });

  it("keeps each node's sums equal to its reservations, and counts them for a ledger written without sums", async () => {
    const user = await ledger();
    const redis = connections.at(-1)!;
    const sums = async (node: string) => {
      const [cpu, memory, pods] = await redis.hmget(
        `{kubenest}:sched:cap:${node}`,
        'used-cpu',
        'used-memory',
        'used-pods',
      );
      return { pods: Number(pods), cpuMilli: Number(cpu), memoryBytes: Number(memory) };
    };
    const agree = async () => {
      for (const node of ['n1', 'n2']) assert.deepEqual(await sums(node), await user.usage(node), node);
    };
    await user.reserve(NODES[0], { uid: 'a', cpuMilli: 100, memoryBytes: 1024 });
    await user.reserve(NODES[0], { uid: 'b', cpuMilli: 250, memoryBytes: 2048 }, [
      { uid: 'by-hand', cpuMilli: 50, memoryBytes: 0 },
    ]);
    await user.reserve(NODES[1], { uid: 'c', cpuMilli: 300, memoryBytes: 0 });
    await agree();
    now += 61_000; // 'a' may move: its reservation leaves n1 for n2
    await user.reserve(NODES[1], { uid: 'a', cpuMilli: 100, memoryBytes: 1024 });
    await user.release('b');
    await agree();
    assert.deepEqual(await sums('n1'), { pods: 1, cpuMilli: 50, memoryBytes: 0 });
    await user.reconcile([
      { node: NODES[0], bound: [{ uid: 'by-hand', cpuMilli: 70, memoryBytes: 0 }] },
      { node: NODES[1], bound: [{ uid: 'a', cpuMilli: 100, memoryBytes: 1024 }] },
    ]);
    await agree();
    // A ledger from before the sums: the first reservation on the node counts them.
    await redis.hdel('{kubenest}:sched:cap:n2', 'used-cpu', 'used-memory', 'used-pods');
    await user.release('c');
    await user.reserve(NODES[1], { uid: 'd', cpuMilli: 10, memoryBytes: 0 });
    await agree();
  });

  it('reconcile from the truth drops old leaks, keeps fresh reservations, charges bound pods, forgets gone nodes', async () => {
    const user = await ledger();
    await user.reserve(NODES[0], { uid: 'leaked', cpuMilli: 500, memoryBytes: 0 });
    await user.reserve(NODES[2], { uid: 'on-gone-node', cpuMilli: 100, memoryBytes: 0 });
    now += 61_000;
    await user.reserve(NODES[0], { uid: 'in-flight', cpuMilli: 200, memoryBytes: 0 });
    const counts = await user.reconcile([
      { node: NODES[0], bound: [{ uid: 'bound', cpuMilli: 300, memoryBytes: 0 }] },
      { node: NODES[1], bound: [] },
    ]);
    assert.deepEqual(counts, { dropped: 1, charged: 1 });
    assert.deepEqual(await user.usage('n1'), { pods: 2, cpuMilli: 500, memoryBytes: 0 });
    assert.equal(await user.reservedNode('leaked'), undefined);
    assert.equal(await user.reservedNode('on-gone-node'), undefined);
    assert.deepEqual(await connections[0].smembers('{kubenest}:sched:nodes').then((s) => s.sort()), ['n1', 'n2']);
    // Once the grace period passes, an in-flight reservation whose pod never bound is a leak too.
    now += 61_000;
    await user.reconcile([{ node: NODES[0], bound: [{ uid: 'bound', cpuMilli: 300, memoryBytes: 0 }] }]);
    assert.deepEqual(await user.usage('n1'), { pods: 1, cpuMilli: 300, memoryBytes: 0 });
  });
});
