import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '#api';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';

describe('continue token', () => {
  it('round-trips the list resourceVersion and the last key', () => {
    const position = { resourceVersion: '42', lastKey: 'kube-system/coredns' };
    assert.deepEqual(decodeContinueToken(encodeContinueToken(position)), position);
  });

  it('rejects tokens it did not make with 400 BadRequest', () => {
    for (const token of [
      '%%%',
      Buffer.from('null').toString('base64'),
      Buffer.from('{"v":"x","rv":1,"start":"a/b"}').toString('base64'),
    ]) {
      assert.throws(
        () => decodeContinueToken(token),
        (err: unknown) => err instanceof ApiError && err.code === 400 && err.reason === 'BadRequest',
      );
    }
  });
});
