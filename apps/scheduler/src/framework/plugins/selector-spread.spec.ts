import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakeNode } from '../../testing/fake-node.js';
import { fakePod } from '../../testing/fake-pod.js';
import { nodeInfoOf } from '../../testing/node-info-of.js';
import { SelectorSpread } from './selector-spread.js';

describe('SelectorSpread', () => {
  const plugin = new SelectorSpread();
  const siblings = (n: number) => Array.from({ length: n }, (_, i) => fakePod(`s${n}-${i}`, { owner: 'rs-1' }));

  it('counts pods of the same controller and normalizes fewest -> 100, most -> 0 (the worked example)', () => {
    const pod = fakePod('p', { owner: 'rs-1' });
    const nodes = [0, 2, 4].map((n, i) =>
      nodeInfoOf(fakeNode(`n${i}`), [...siblings(n), fakePod(`other-${i}`, { owner: 'rs-2' })]),
    );
    const scores = nodes.map((node) => plugin.score(pod, node));
    assert.deepEqual(scores, [0, 2, 4]);
    plugin.normalize(scores);
    assert.deepEqual(scores, [100, 50, 0]);
  });

  it('gives every node 100 for a pod without a controller', () => {
    const scores = [nodeInfoOf(fakeNode('n'), siblings(3))].map((node) => plugin.score(fakePod('p'), node));
    plugin.normalize(scores);
    assert.deepEqual(scores, [100]);
  });
});
