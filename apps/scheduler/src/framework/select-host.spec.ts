import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestFirst } from './select-host.js';

describe('bestFirst', () => {
  const names = ['a', 'b', 'c'];
  const scores = [90, 95, 95];
  const order = (random: () => number) => [...bestFirst(names, scores, random)].map((n) => `${n.name}:${n.score}`);

  it('yields the highest score first, then the rest best first (the worked example)', () => {
    // b is the first 95 seen; c ties with it and replaces it when the draw picks 1 of 2.
    assert.deepEqual(
      order(() => 0.9),
      ['b:95', 'c:95', 'a:90'],
    );
    assert.deepEqual(
      order(() => 0),
      ['c:95', 'b:95', 'a:90'],
    );
  });

  it('gives every tied node an equal chance', () => {
    const firsts = new Map<string, number>();
    let seed = 1;
    // A small deterministic generator (Park–Miller), so the test never flakes.
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 3000; i++) {
      const first = bestFirst(['x', 'y', 'z'], [1, 1, 1], random).next().value!.name;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const name of ['x', 'y', 'z'])
      assert.ok(Math.abs(firsts.get(name)! - 1000) < 150, `${name}: ${firsts.get(name)}`);
  });

  it('yields nothing for no nodes', () => {
    assert.deepEqual([...bestFirst([], [])], []);
  });
});
