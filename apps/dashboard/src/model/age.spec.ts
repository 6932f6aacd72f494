import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAge } from './age.js';

describe('formatAge', () => {
  const now = Date.parse('2024-05-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it('prints durations the way kubectl does', () => {
    assert.equal(formatAge(ago(45), now), '45s');
    assert.equal(formatAge(ago(200), now), '3m20s');
    assert.equal(formatAge(ago(30 * 60), now), '30m');
    assert.equal(formatAge(ago(5 * 3600 + 60 * 7), now), '5h7m');
    assert.equal(formatAge(ago(20 * 3600), now), '20h');
    assert.equal(formatAge(ago(3 * 86400), now), '3d');
    assert.equal(formatAge(ago(40 * 86400), now), '40d');
  });

  it('says unknown without a timestamp', () => {
    assert.equal(formatAge(undefined, now), '<unknown>');
  });
});
