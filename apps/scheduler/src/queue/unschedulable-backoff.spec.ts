import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnschedulableBackoff } from './unschedulable-backoff.js';

describe('UnschedulableBackoff', () => {
  it('doubles from 1 s to a 10 s cap, per key, and resets', () => {
    const backoff = new UnschedulableBackoff();
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map(() => backoff.next('ns/a')),
      [1000, 2000, 4000, 8000, 10000, 10000],
    );
    assert.equal(backoff.next('ns/b'), 1000);
    backoff.reset('ns/a');
    assert.equal(backoff.next('ns/a'), 1000);
  });
});
