import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTokenLine, parseTokenFile } from './static-token-file.js';

describe('static token file format', () => {
  it('reads the Kubernetes --token-auth-file format, groups optional', () => {
    const text = 't1,alice,u1,"dev,ops"\r\n\nt2,bob,u2\nt3,"c, d",u3,""\n';
    assert.deepEqual(parseTokenFile(text), [
      { token: 't1', user: 'alice', uid: 'u1', groups: ['dev', 'ops'] },
      { token: 't2', user: 'bob', uid: 'u2', groups: [] },
      { token: 't3', user: 'c, d', uid: 'u3', groups: [] },
    ]);
  });

  it('round-trips what it writes, quoting where CSV needs it', () => {
    const entry = { token: 'abc', user: 'say "hi", bob', uid: 'u', groups: ['a', 'b'] };
    const line = formatTokenLine(entry);
    assert.equal(line, 'abc,"say ""hi"", bob",u,"a,b"');
    assert.deepEqual(parseTokenFile(line), [entry]);
  });

  it('names the line of a malformed entry', () => {
    assert.throws(() => parseTokenFile('a,b,c\n,user,uid\n', 'tokens.csv'), /tokens.csv line 2: the token is empty/);
  });
});
