import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryString } from './query-string.js';
import { resourcePath } from './resource-path.js';
import { testFixtures } from './test-fixtures.js';

describe('resourcePath', () => {
  const pods = testFixtures.type('pods');
  const nodes = testFixtures.type('nodes');
  const deployments = testFixtures.type('deployments');

  it('puts the core group under /api/v1 and other groups under /apis/group/version', () => {
    assert.equal(resourcePath(pods, 'web', 'p1'), '/api/v1/namespaces/web/pods/p1');
    assert.equal(resourcePath(deployments, 'web', 'd1'), '/apis/apps/v1/namespaces/web/deployments/d1');
  });

  it('addresses collections across namespaces, cluster-scoped kinds without a namespace, and subresources', () => {
    assert.equal(resourcePath(pods), '/api/v1/pods');
    assert.equal(resourcePath(pods, 'web'), '/api/v1/namespaces/web/pods');
    assert.equal(resourcePath(nodes, 'ignored', 'n1'), '/api/v1/nodes/n1');
    assert.equal(resourcePath(pods, 'web', 'p1', 'binding'), '/api/v1/namespaces/web/pods/p1/binding');
    assert.equal(resourcePath(deployments, 'web', 'd1', 'scale'), '/apis/apps/v1/namespaces/web/deployments/d1/scale');
  });

  it('escapes names and refuses an empty one', () => {
    assert.equal(resourcePath(pods, 'web', 'a/b'), '/api/v1/namespaces/web/pods/a%2Fb');
    assert.throws(() => resourcePath(pods, 'web', ''), /empty name/);
  });
});

describe('queryString', () => {
  it('encodes defined values and omits the rest', () => {
    assert.equal(
      queryString({ labelSelector: 'app=web,tier!=db', limit: 500, continue: undefined, watch: true }),
      '?labelSelector=app%3Dweb%2Ctier%21%3Ddb&limit=500&watch=true',
    );
    assert.equal(queryString({ fieldSelector: undefined, labelSelector: '' }), '');
  });
});
