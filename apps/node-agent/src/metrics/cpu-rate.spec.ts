import assert from 'node:assert/strict';
import { it } from 'node:test';
import { nanoCoresBetween } from './cpu-rate.js';
import { nodeCpuNanoSeconds } from './proc-stat.js';

it('turns two cumulative readings into nanocores: 0.5 s of CPU over 2 s is a quarter core', () => {
  const rate = nanoCoresBetween(
    { usageCoreNanoSeconds: 1_000_000_000, atMs: 10_000 },
    { usageCoreNanoSeconds: 1_500_000_000, atMs: 12_000 },
  );
  assert.equal(rate, 250_000_000);
});

it('reports 0 without an earlier reading, for no elapsed time, and when the counter restarted', () => {
  assert.equal(nanoCoresBetween(undefined, { usageCoreNanoSeconds: 5e9, atMs: 1 }), 0);
  assert.equal(nanoCoresBetween({ usageCoreNanoSeconds: 1, atMs: 5 }, { usageCoreNanoSeconds: 9, atMs: 5 }), 0);
  assert.equal(nanoCoresBetween({ usageCoreNanoSeconds: 9e9, atMs: 0 }, { usageCoreNanoSeconds: 1e9, atMs: 1000 }), 0);
});

it('counts /proc/stat user, nice, system, irq, softirq and steal ticks, not idle or iowait', () => {
  const stat = 'cpu  100 20 30 5000 400 6 7 8 0 0\ncpu0 50 10 15 2500 200 3 3 4 0 0\nintr 1 2 3\n';
  // (100+20+30+6+7+8) ticks of 10 ms = 1.71 s
  assert.equal(nodeCpuNanoSeconds(stat), 1_710_000_000);
  assert.throws(() => nodeCpuNanoSeconds('intr 1 2\n'), /no aggregate "cpu" line/);
});
