import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs } from './backoff-policy.js';

test('backoff doubles from 5 ms and stops at 1000 s, as client-go', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => backoffDelayMs(n)),
    [5, 10, 20, 40],
  );
  assert.equal(backoffDelayMs(30), 1_000_000);
  assert.equal(backoffDelayMs(5000), 1_000_000);
});

test('backoff follows a configured policy', () => {
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => backoffDelayMs(n, { baseMs: 100, maxMs: 300 })),
    [100, 200, 300, 300],
  );
});
