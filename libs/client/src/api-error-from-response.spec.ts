import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '#api';
import { apiErrorFromResponse } from './api-error-from-response.js';
import { compareResourceVersions } from './compare-resource-versions.js';

describe('apiErrorFromResponse', () => {
  it('rebuilds the ApiError the server threw from its Status body', () => {
    const thrown = ApiError.conflict({ kind: 'configmaps', name: 'c' }, 'the object has been modified');
    const rebuilt = apiErrorFromResponse(409, JSON.stringify(thrown.toStatus()));
    assert.ok(rebuilt instanceof ApiError);
    assert.deepEqual(rebuilt.toStatus(), thrown.toStatus());
  });

  it('derives the reason from the code when the body is not a Status', () => {
    const error = apiErrorFromResponse(503, '<html>upstream unavailable</html>');
    assert.equal(error.reason, 'ServiceUnavailable');
    assert.equal(error.code, 503);
    assert.match(error.message, /upstream unavailable/);
    assert.equal(apiErrorFromResponse(410, '').reason, 'Expired');
    assert.equal(apiErrorFromResponse(418, '').reason, 'InternalError');
  });
});

describe('compareResourceVersions', () => {
  it('compares numerically, not as text', () => {
    assert.ok(compareResourceVersions('10', '9') > 0);
    assert.ok(compareResourceVersions('99', '100') < 0);
    assert.equal(compareResourceVersions('12345678901234567890', '12345678901234567890'), 0);
    assert.ok(compareResourceVersions('', '1') < 0);
  });
});
