import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startTestApiserver, type TestApiserver } from '#testing';

// Events expire like kube-apiserver's --event-ttl; a 2 s TTL makes that observable in a test.
describe('events expire after the event TTL', () => {
  let server: TestApiserver;

  before(async () => {
    server = await startTestApiserver({ KUBENEST_EVENT_TTL_SECONDS: '2' });
  });
  after(async () => {
    await server?.stop();
  });

  it('removes an expired event and tells watchers, while other kinds stay', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const namespace = 'default';
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'stays' } } });
    const event = await core.createNamespacedEvent({
      namespace,
      body: {
        metadata: { name: 'pod.expiring' },
        involvedObject: { kind: 'Pod', name: 'pod', namespace },
        reason: 'Tested',
        message: 'expires',
        type: 'Normal',
      },
    });

    const deleted = new Promise<string>((resolve, reject) => {
      void new k8s.Watch(kc)
        .watch(
          `/api/v1/namespaces/${namespace}/events`,
          { resourceVersion: event.metadata!.resourceVersion },
          (type, obj: k8s.CoreV1Event) => {
            if (type === 'DELETED') resolve(obj.metadata!.name!);
          },
          (err) => err && reject(err),
        )
        .then((req) =>
          setTimeout(() => {
            req.abort();
            reject(new Error('no DELETED event within 20 s'));
          }, 20_000).unref(),
        );
    });
    assert.equal(await deleted, 'pod.expiring');
    await assert.rejects(
      core.readNamespacedEvent({ name: 'pod.expiring', namespace }),
      (e: k8s.ApiException<unknown>) => e.code === 404,
    );
    const list = await core.listNamespacedEvent({ namespace });
    assert.equal(list.items.length, 0);
    assert.equal((await core.readNamespacedConfigMap({ name: 'stays', namespace })).metadata?.name, 'stays');
  });
});
