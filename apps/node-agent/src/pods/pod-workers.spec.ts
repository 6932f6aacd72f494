import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { pino } from 'pino';
import { PodWorkers } from './pod-workers.js';

/** A sync that finishes when the test says so, recording which pods are in a sync. */
function controlledSyncs() {
  const active = new Set<string>();
  const finish = new Map<string, () => void>();
  const order: string[] = [];
  let peak = 0;
  const sync = (uid: string) =>
    new Promise<void>((resolve) => {
      active.add(uid);
      order.push(uid);
      peak = Math.max(peak, active.size);
      finish.set(uid, () => {
        active.delete(uid);
        resolve();
      });
    });
  return { sync, active, finish, order, peak: () => peak };
}

describe('PodWorkers', () => {
  const logger = pino({ level: 'silent' });

  it('syncs at most maxConcurrent pods at once, the others in trigger order', async () => {
    const syncs = controlledSyncs();
    const workers = new PodWorkers(syncs.sync, logger, 2);
    for (const uid of ['a', 'b', 'c', 'd']) workers.trigger(uid);
    await tick();
    assert.deepEqual([...syncs.active], ['a', 'b']);
    syncs.finish.get('b')!();
    await tick();
    assert.deepEqual([...syncs.active].sort(), ['a', 'c']);
    syncs.finish.get('a')!();
    syncs.finish.get('c')!();
    await tick();
    await tick();
    assert.deepEqual(syncs.order, ['a', 'b', 'c', 'd']);
    syncs.finish.get('d')!();
    await workers.close();
    assert.equal(syncs.peak(), 2);
  });

  it('collapses triggers during a sync into one more sync of the pod', async () => {
    const syncs = controlledSyncs();
    const workers = new PodWorkers(syncs.sync, logger, 1);
    workers.trigger('a');
    await tick();
    workers.trigger('a');
    workers.trigger('a');
    syncs.finish.get('a')!();
    await tick();
    await tick();
    assert.deepEqual(syncs.order, ['a', 'a']);
    syncs.finish.get('a')!();
    await workers.close();
    assert.deepEqual(syncs.order, ['a', 'a']);
  });

  it('starts no waiting sync once closed', async () => {
    const syncs = controlledSyncs();
    const workers = new PodWorkers(syncs.sync, logger, 1);
    workers.trigger('a');
    workers.trigger('b');
    await tick();
    const closed = workers.close();
    syncs.finish.get('a')!();
    await closed;
    assert.deepEqual(syncs.order, ['a']);
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new PodWorkers(async () => {}, logger, 0), /at least 1/);
  });
});
