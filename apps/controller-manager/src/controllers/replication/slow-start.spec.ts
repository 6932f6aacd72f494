import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slowStartBatch } from './slow-start.js';

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, 8 ... concurrently, the last one holding what remains', async () => {
    const batches: number[] = [];
    let inFlight = 0;
    const result = await slowStartBatch(20, 1, async () => {
      if (inFlight++ === 0) batches.push(0);
      batches[batches.length - 1]++;
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    });
    assert.deepEqual(batches, [1, 2, 4, 8, 5]);
    assert.deepEqual(result, { successes: 20 });
  });

  it('stops after the batch with an error and reports its successes', async () => {
    let calls = 0;
    const result = await slowStartBatch(100, 1, async () => {
      if (++calls === 5) throw new Error('forbidden');
    });
    // Batches 1, 2 (3 calls), then 4 concurrent calls of which the 5th overall fails.
    assert.equal(calls, 7);
    assert.equal(result.successes, 6);
    assert.equal((result.error as Error).message, 'forbidden');
  });

  it('does nothing for 0', async () => {
    assert.deepEqual(await slowStartBatch(0, 1, () => Promise.reject(new Error('never'))), { successes: 0 });
  });
});
