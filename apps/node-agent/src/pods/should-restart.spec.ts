import assert from 'node:assert/strict';
import { it } from 'node:test';
import { shouldRestart } from './should-restart.js';

it('applies Always, OnFailure and Never as the kubelet does', () => {
  assert.equal(shouldRestart('Always', 0), true);
  assert.equal(shouldRestart(undefined, 0), true);
  assert.equal(shouldRestart('OnFailure', 0), false);
  assert.equal(shouldRestart('OnFailure', 1), true);
  assert.equal(shouldRestart('OnFailure', 0, true), true);
  assert.equal(shouldRestart('Never', 1, true), false);
});
