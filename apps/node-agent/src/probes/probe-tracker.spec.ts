import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ProbeTracker } from './probe-tracker.js';

it('flips only after the threshold of consecutive outcomes', () => {
  const tracker = new ProbeTracker('success', 2, 3);
  assert.equal(tracker.record('failure'), false);
  assert.equal(tracker.record('failure'), false);
  assert.equal(tracker.record('success'), false);
  assert.equal(tracker.record('failure'), false);
  assert.equal(tracker.record('failure'), false);
  assert.equal(tracker.record('failure'), true);
  assert.equal(tracker.current, 'failure');
  assert.equal(tracker.record('success'), false);
  assert.equal(tracker.record('success'), true);
  assert.equal(tracker.current, 'success');
});
