import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Backoff } from './backoff.js';

it('doubles from 10 s to 5 min, counts from the event, and starts over after 10 quiet minutes', () => {
  let now = 0;
  const backoff = new Backoff(10_000, 300_000, () => now);
  assert.equal(backoff.isInBackoffSince('c', 0), false);
  const delays: number[] = [];
  for (let i = 0; i < 7; i++) {
    backoff.next('c', now);
    delays.push(backoff.delayMs('c'));
    now += 1_000;
  }
  assert.deepEqual(delays, [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  assert.equal(backoff.isInBackoffSince('c', now - 1_000), true);
  now += 300_000;
  assert.equal(backoff.isInBackoffSince('c', now - 301_000), false);
  backoff.next('c', now + 600_001);
  assert.equal(backoff.delayMs('c'), 10_000);
});
