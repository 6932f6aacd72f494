import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { PodWorkers } from './pod-workers.js';

describe('PodWorkers', () => {
  function workers() {
    const syncs: string[] = [];
    const pending: (() => void)[] = [];
    const podWorkers = new PodWorkers(
      (uid) =>
        new Promise<void>((resolve) => {
          syncs.push(uid);
          pending.push(resolve);
        }),
      pino({ level: 'silent' }),
    );
    const finishOne = async () => {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { podWorkers, syncs, finishOne };
  }

  it('follows a sync with one more when changes come in meanwhile, however many', async () => {
    const { podWorkers, syncs, finishOne } = workers();
    podWorkers.trigger('a');
    podWorkers.trigger('a');
    podWorkers.trigger('a');
    assert.deepEqual(syncs, ['a']);
    await finishOne();
    assert.deepEqual(syncs, ['a', 'a']);
    await finishOne();
    assert.deepEqual(syncs, ['a', 'a']);
  });

  it('resyncs only pods with no sync running, and adds no sync after a running one', async () => {
    const { podWorkers, syncs, finishOne } = workers();
    podWorkers.trigger('a');
    podWorkers.resync('a');
    podWorkers.resync('b');
    assert.deepEqual(syncs, ['a', 'b']);
    await finishOne();
    await finishOne();
    assert.deepEqual(syncs, ['a', 'b']);
    podWorkers.resync('a');
    assert.deepEqual(syncs, ['a', 'b', 'a']);
    await finishOne();
  });
});
