import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_RESOURCES, type KubeObject, type Namespace } from '#api';
import { FakeCluster } from '../../testing/fake-cluster.js';
import { NAMESPACED_CONTENT_TYPES } from './namespaced-content-types.js';
import { NamespaceReconciler } from './namespace.reconciler.js';

const find = (group: string, resource: string) =>
  BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource)!;
const NAMESPACES = find('', 'namespaces');

function setup() {
  const cluster = new FakeCluster();
  const events: string[] = [];
  const reconciler = new NamespaceReconciler({
    client: cluster,
    namespaces: cluster.informer<Namespace>(NAMESPACES),
    recorder: { event: (_obj: KubeObject, type: string, reason: string) => events.push(`${type} ${reason}`) },
    contentTypes: NAMESPACED_CONTENT_TYPES,
    namespaceType: NAMESPACES,
  });
  cluster.seed(NAMESPACES, { metadata: { name: 'demo' }, spec: { finalizers: ['kubernetes'] } });
  return { cluster, reconciler, events };
}

describe('NamespaceReconciler', () => {
  it('leaves a namespace that is not being deleted alone', async () => {
    const { cluster, reconciler } = setup();
    cluster.seed(find('', 'configmaps'), { metadata: { name: 'c', namespace: 'demo' } });
    assert.equal(await reconciler.reconcile('demo'), undefined);
    assert.deepEqual(cluster.summary(), []);
  });

  it('deletes every kind in the namespace, then finalizes it', async () => {
    const { cluster, reconciler, events } = setup();
    cluster.seed(find('', 'configmaps'), { metadata: { name: 'c', namespace: 'demo' } });
    cluster.seed(find('apps', 'deployments'), { metadata: { name: 'd', namespace: 'demo' } });
    cluster.seed(find('', 'pods'), { metadata: { name: 'p', namespace: 'demo' } });
    cluster.seed(find('', 'secrets'), { metadata: { name: 'elsewhere', namespace: 'other' } });
    await cluster.delete(NAMESPACES, undefined, 'demo');

    assert.equal(await reconciler.reconcile('demo'), undefined);
    assert.deepEqual(cluster.summary(), [
      'delete namespaces demo',
      'delete pods demo/p',
      'delete configmaps demo/c',
      'delete deployments demo/d',
      'update namespaces demo',
    ]);
    const finalize = cluster.actions.at(-1)?.detail as { subresource: string; body: Namespace };
    assert.equal(finalize.subresource, 'finalize');
    assert.deepEqual(finalize.body.spec?.finalizers, []);
    assert.equal(cluster.informer(NAMESPACES).get(undefined, 'demo'), undefined, 'gone once finalized');
    assert.ok(cluster.informer(find('', 'secrets')).get('other', 'elsewhere'));
    assert.deepEqual(events, ['Normal NamespaceFinalized']);
  });

  it('waits while content remains, and does not finalize', async () => {
    const { cluster, reconciler } = setup();
    cluster.seed(find('', 'configmaps'), { metadata: { name: 'held', namespace: 'demo', finalizers: ['x/y'] } });
    await cluster.delete(NAMESPACES, undefined, 'demo');

    const result = await reconciler.reconcile('demo');
    assert.ok(result && result.requeueAfterMs >= 1000);
    assert.ok(cluster.informer(NAMESPACES).get(undefined, 'demo'));
    assert.ok(!cluster.summary().includes('update namespaces demo'));

    await cluster.patch(find('', 'configmaps'), 'demo', 'held', { metadata: { finalizers: null } }, 'merge');
    assert.equal(await reconciler.reconcile('demo'), undefined);
    assert.equal(cluster.informer(NAMESPACES).get(undefined, 'demo'), undefined);
  });
});
