import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration } from './format-go-duration.js';

describe('formatGoDuration', () => {
  it('matches Go time.Duration.String', () => {
    const cases: [bigint, string][] = [
      [0n, '0s'],
      [1n, '1ns'],
      [1_500n, '1.5µs'],
      [1_500_000n, '1.5ms'],
      [2_000_000_000n, '2s'],
      [60_000_000_000n, '1m0s'],
      [5_400_000_000_000n, '1h30m0s'],
      [3_723_500_000_000n, '1h2m3.5s'],
      [-2_000_000_000n, '-2s'],
      [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
    ];
    for (const [nanoseconds, expected] of cases)
      assert.equal(formatGoDuration(nanoseconds), expected, `${nanoseconds}ns`);
  });
});
