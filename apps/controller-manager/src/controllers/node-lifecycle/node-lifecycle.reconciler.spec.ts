import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject, Lease, Node, Pod } from '#api';
import { FakeCluster } from '../../testing/fake-cluster.js';
import { NodeLifecycleResources as R } from './node-lifecycle-resources.js';
import { NodeLifecycleReconciler } from './node-lifecycle.reconciler.js';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function setup(renewedAt: number) {
  let now = T0;
  const cluster = new FakeCluster(() => new Date(now));
  const events: string[] = [];
  const reconciler = new NodeLifecycleReconciler({
    client: cluster,
    nodes: cluster.informer<Node>(R.nodes),
    pods: cluster.informer<Pod>(R.pods),
    leases: cluster.informer<Lease>(R.leases),
    recorder: {
      event: (obj: KubeObject, _type: string, reason: string) =>
        events.push(`${obj.kind} ${obj.metadata.name} ${reason}`),
    },
    nodeMonitorGracePeriodSeconds: 40,
    defaultEvictionTolerationSeconds: 300,
    now: () => new Date(now),
  });
  cluster.seed<Node>(R.nodes, {
    metadata: { name: 'n1', creationTimestamp: iso(T0 - 3_600_000) },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] },
  });
  cluster.seed<Lease>(R.leases, {
    metadata: { name: 'n1', namespace: R.leaseNamespace },
    spec: { holderIdentity: 'n1', renewTime: iso(renewedAt) },
  });
  const node = () => cluster.informer<Node>(R.nodes).get(undefined, 'n1')!;
  return { cluster, reconciler, events, node, advance: (ms: number) => (now += ms) };
}

const pod = (name: string, tolerationSeconds?: number): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: {
    nodeName: 'n1',
    containers: [{ name: 'c', image: 'i' }],
    ...(tolerationSeconds !== undefined
      ? {
          tolerations: [
            { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds },
          ],
        }
      : {}),
  },
});

describe('NodeLifecycleReconciler', () => {
  it('with a fresh Lease does nothing and comes back when it would expire', async () => {
    const { cluster, reconciler } = setup(T0 - 10_000);
    const result = await reconciler.reconcile('n1');
    assert.deepEqual(cluster.summary(), []);
    assert.deepEqual(result, { requeueAfterMs: 30_000 + 100 });
  });

  it('a Lease older than the grace period: Ready=Unknown and unreachable taints', async () => {
    const { cluster, reconciler, events, node } = setup(T0 - 41_000);
    await reconciler.reconcile('n1');
    assert.deepEqual(cluster.summary(), ['update nodes n1', 'patch nodes n1']);
    const ready = node().status?.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual(
      [ready?.status, ready?.reason, ready?.message],
      ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
    );
    assert.deepEqual(
      node().spec?.taints?.map((t) => `${t.key}:${t.effect}`),
      ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
    );
    assert.deepEqual(events, ['Node n1 NodeNotReady']);
    await reconciler.reconcile('n1');
    assert.equal(cluster.actions.length, 2, 'a second pass changes nothing');
  });

  it('evicts pods after their tolerationSeconds, the default 300 s for those without one', async () => {
    const { cluster, reconciler, events, advance } = setup(T0 - 41_000);
    cluster.seed(R.pods, pod('short', 5), pod('untolerated'), pod('forever'));
    const forever = cluster.informer<Pod>(R.pods).get('default', 'forever')!;
    cluster.seed(R.pods, {
      ...forever,
      spec: { ...forever.spec!, tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] },
    });

    assert.deepEqual(await reconciler.reconcile('n1'), { requeueAfterMs: 5_100 });
    assert.ok(!cluster.summary().some((a) => a.startsWith('delete')));

    advance(5_100);
    assert.deepEqual(await reconciler.reconcile('n1'), { requeueAfterMs: 295_000 });
    assert.deepEqual(
      cluster.summary().filter((a) => a.startsWith('delete')),
      ['delete pods default/short'],
    );
    assert.ok(events.includes('Pod short TaintManagerEviction'));

    advance(295_000);
    assert.equal(await reconciler.reconcile('n1'), undefined);
    assert.deepEqual(
      cluster.summary().filter((a) => a.startsWith('delete')),
      ['delete pods default/short', 'delete pods default/untolerated'],
    );
  });

  it('removes the taints when the node is Ready again', async () => {
    const { cluster, reconciler, node, advance } = setup(T0 - 41_000);
    await reconciler.reconcile('n1');
    advance(1_000);
    // The node agent is back: it renews its Lease and posts Ready=True.
    cluster.seed<Lease>(R.leases, {
      metadata: { name: 'n1', namespace: R.leaseNamespace },
      spec: { renewTime: iso(T0 + 1_000) },
    });
    cluster.seed<Node>(R.nodes, { ...node(), status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    await reconciler.reconcile('n1');
    assert.deepEqual(node().spec?.taints, []);
  });

  it('a Ready=False node gets not-ready taints', async () => {
    const { cluster, reconciler, node } = setup(T0);
    cluster.seed<Node>(R.nodes, { ...node(), status: { conditions: [{ type: 'Ready', status: 'False' }] } });
    await reconciler.reconcile('n1');
    assert.deepEqual(
      node().spec?.taints?.map((t) => `${t.key}:${t.effect}`),
      ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'],
    );
  });

  it('deletes the pods of a node that is gone', async () => {
    const { cluster, reconciler, node } = setup(T0);
    cluster.seed(R.pods, pod('left-behind'));
    cluster.forget(R.nodes, node());
    await reconciler.reconcile('n1');
    assert.deepEqual(cluster.summary(), ['delete pods default/left-behind']);
  });
});
