import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FreshSharedCall } from './fresh-shared-call.js';

describe('FreshSharedCall', () => {
  function counter() {
    const started: ((value: number) => void)[] = [];
    const shared = new FreshSharedCall(() => new Promise<number>((resolve) => started.push(resolve)));
    return { shared, started };
  }

  it('starts one call for whoever asks while none runs', async () => {
    const { shared, started } = counter();
    const answer = shared.run();
    assert.equal(started.length, 1);
    started[0]!(1);
    assert.equal(await answer, 1);
  });

  it('never answers a caller with a call that began before it asked, and shares the next one', async () => {
    const { shared, started } = counter();
    const first = shared.run();
    const second = shared.run();
    const third = shared.run();
    assert.equal(started.length, 1, 'the later callers wait for the running call to end');
    started[0]!(1);
    assert.equal(await first, 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(started.length, 2, 'then one call serves both');
    started[1]!(2);
    assert.deepEqual(await Promise.all([second, third]), [2, 2]);
  });

  it('starts the next call after a failed one, and the failure reaches only its own callers', async () => {
    let calls = 0;
    const shared = new FreshSharedCall(async () => {
      calls++;
      if (calls === 1) throw new Error('daemon hiccup');
      return calls;
    });
    const first = shared.run();
    const second = shared.run();
    await assert.rejects(first, /daemon hiccup/);
    assert.equal(await second, 2);
    assert.equal(await shared.run(), 3);
  });
});
