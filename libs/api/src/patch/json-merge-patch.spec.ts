import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error.js';
import { applyJsonMergePatch } from './json-merge-patch.js';

describe('applyJsonMergePatch', () => {
  // RFC 7386 appendix A, restricted to object targets and patches (API objects are objects).
  const rfc: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, expected] of rfc) {
    it(`merges ${JSON.stringify(patch)} into ${JSON.stringify(target)}`, () => {
      const before = structuredClone(target);
      assert.deepEqual(applyJsonMergePatch(target as Record<string, unknown>, patch), expected);
      assert.deepEqual(target, before, 'target unchanged');
    });
  }

  it('replaces lists whole, as kubectl patch --type merge users expect', () => {
    const deployment = { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } } };
    const result = applyJsonMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'c' }] } } } });
    assert.deepEqual(result, { spec: { template: { spec: { containers: [{ name: 'c' }] } } } });
  });

  it('rejects a patch that is not an object, and __proto__ keys', () => {
    for (const patch of [['a'], 'a', null, JSON.parse('{"__proto__":{"polluted":1}}')]) {
      assert.throws(
        () => applyJsonMergePatch({}, patch),
        (e: unknown) => e instanceof ApiError && e.code === 400,
      );
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
