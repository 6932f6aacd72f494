import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFenceposts } from './resolve-fenceposts.js';

// Cases after Kubernetes' TestResolveFenceposts (deployment/util).
describe('resolveFenceposts', () => {
  const cases: [number | string, number | string, number, number, number][] = [
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 1, 1, 0],
    ['1%', '1%', 10, 1, 0],
    [0, 0, 10, 0, 1],
    [2, 1, 10, 2, 1],
    ['50%', '50%', 5, 3, 2],
  ];
  for (const [surge, unavailable, desired, wantSurge, wantUnavailable] of cases) {
    it(`${surge}/${unavailable} of ${desired} -> surge ${wantSurge}, unavailable ${wantUnavailable}`, () => {
      assert.deepEqual(resolveFenceposts(surge, unavailable, desired), {
        maxSurge: wantSurge,
        maxUnavailable: wantUnavailable,
      });
    });
  }

  it('throws on values that are neither ints nor percentages', () => {
    assert.throws(() => resolveFenceposts('oops', '0%', 10), /invalid value/);
    assert.throws(() => resolveFenceposts('55%', 'urg', 10), /invalid value/);
  });
});
