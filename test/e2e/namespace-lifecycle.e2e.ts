import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { kubectl, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';

// Deleting a namespace marks it Terminating until its finalizers are cleared through
// namespaces/{name}/finalize (the namespace controller's job); meanwhile nothing new may be created in it.
describe('namespace lifecycle', () => {
  let server: TestApiserver;
  let core: k8s.CoreV1Api;

  before(async () => {
    server = await startTestApiserver();
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });
  after(async () => {
    await server?.stop();
  });

  it('refuses content in a namespace that does not exist', async () => {
    await assert.rejects(
      core.createNamespacedConfigMap({ namespace: 'nowhere', body: { metadata: { name: 'c' } } }),
      (e: k8s.ApiException<string>) => e.code === 404 && /namespaces \\?"nowhere\\?" not found/.test(e.body),
    );
  });

  it('terminates, refuses new content, and goes away once finalized', async () => {
    const created = await core.createNamespace({ body: { metadata: { name: 'doomed' } } });
    assert.deepEqual(created.spec?.finalizers, ['kubernetes']);
    assert.equal(created.status?.phase, 'Active');

    if (kubectlPath) {
      const r = kubectl(server.kubeconfigPath, ['delete', 'ns', 'doomed', '--wait=false']);
      assert.equal(r.status, 0, r.stderr);
    } else {
      await core.deleteNamespace({ name: 'doomed' });
    }
    const terminating = await core.readNamespace({ name: 'doomed' });
    assert.equal(terminating.status?.phase, 'Terminating');
    assert.ok(terminating.metadata?.deletionTimestamp);

    await assert.rejects(
      core.createNamespacedConfigMap({ namespace: 'doomed', body: { metadata: { name: 'late' } } }),
      (e: k8s.ApiException<string>) => e.code === 403 && /being terminated/.test(e.body),
    );

    await core.replaceNamespaceFinalize({ name: 'doomed', body: { ...terminating, spec: { finalizers: [] } } });
    await assert.rejects(core.readNamespace({ name: 'doomed' }), (e: k8s.ApiException<unknown>) => e.code === 404);
  });
});
