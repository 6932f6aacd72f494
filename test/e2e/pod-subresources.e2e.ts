import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kubectl, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'two', namespace: 'default' },
  spec: {
    containers: [
      { name: 'a', image: 'localhost:5000/busybox:1.36' },
      { name: 'b', image: 'localhost:5000/busybox:1.36' },
    ],
  },
};

describe('pod subresources and token reviews', () => {
  let server: TestApiserver;
  const post = (path: string, body: unknown) =>
    server.request({
      method: 'POST',
      path,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });

  before(async () => {
    server = await startTestApiserver();
    assert.equal((await post('/api/v1/namespaces/default/pods', POD)).status, 201);
  });
  after(async () => {
    await server?.stop();
  });

  it('reviews tokens: the admin token is authenticated, anything else is not', async () => {
    const path = '/apis/authentication.k8s.io/v1/tokenreviews';
    const good = await post(path, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token: server.token },
    });
    assert.equal(good.status, 201, good.body);
    const review = JSON.parse(good.body) as {
      status: { authenticated: boolean; user: { username: string; groups: string[] } };
    };
    assert.equal(review.status.authenticated, true);
    assert.equal(review.status.user.username, 'kubernetes-admin');
    assert.ok(review.status.user.groups.includes('system:masters'));
    const bad = JSON.parse((await post(path, { spec: { token: 'nope' } })).body) as {
      status: { authenticated: boolean };
    };
    assert.equal(bad.status.authenticated, false);
    assert.equal((await post(path, { spec: {} })).status, 422);
  });

  it('refuses logs and exec of a pod no node runs, with Kubernetes messages', async () => {
    const logs = await server.request({ path: '/api/v1/namespaces/default/pods/two/log?container=a' });
    assert.equal(logs.status, 400);
    assert.match(JSON.parse(logs.body).message, /pod two does not have a host assigned/);
    const unnamed = await server.request({ path: '/api/v1/namespaces/default/pods/two/log' });
    assert.match(
      JSON.parse(unnamed.body).message,
      /a container name must be specified for pod two, choose one of: \[a b\]/,
    );
    const plainExec = await post('/api/v1/namespaces/default/pods/two/exec?command=ls', {});
    assert.equal(plainExec.status, 400);
    assert.match(JSON.parse(plainExec.body).message, /Upgrade request required/);
    if (kubectlPath) {
      const viaKubectl = kubectl(server.kubeconfigPath, ['logs', 'two', '-c', 'b']);
      assert.notEqual(viaKubectl.status, 0);
      assert.match(viaKubectl.stderr, /does not have a host assigned/);
      const exec = kubectl(server.kubeconfigPath, ['exec', 'two', '-c', 'a', '--', 'true']);
      assert.notEqual(exec.status, 0);
      assert.match(exec.stderr, /does not have a host assigned/);
    }
  });

  it('evicts a pod through pods/eviction', async () => {
    const evicted = await post('/api/v1/namespaces/default/pods/two/eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'two', namespace: 'default' },
    });
    assert.equal(evicted.status, 201, evicted.body);
    assert.equal((await server.request({ path: '/api/v1/namespaces/default/pods/two' })).status, 404);
  });
});
