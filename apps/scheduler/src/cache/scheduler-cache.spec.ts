import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node, Pod } from '#api';
import { fakeNode } from '../testing/fake-node.js';
import { fakePod } from '../testing/fake-pod.js';
import { SchedulerCache } from './scheduler-cache.js';

const bound = (pod: Pod, nodeName: string): Pod => ({ ...pod, spec: { ...pod.spec!, nodeName } });
const cpuOn = (cache: SchedulerCache, node: string) => cache.get(node)?.requested.milliCpu ?? 0;

describe('SchedulerCache', () => {
  it('adds, updates and removes nodes, listing only nodes the informer has', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    cache.setNode(fakeNode('n2'));
    assert.deepEqual(
      cache.nodes.map((n) => n.name),
      ['n1', 'n2'],
    );
    cache.setNode(fakeNode('n1', { cpu: '2', unschedulable: true }));
    assert.equal(cache.get('n1')!.allocatable.milliCpu, 2000);
    assert.equal(cache.get('n1')!.node.spec?.unschedulable, true);
    cache.removeNode('n2');
    assert.deepEqual(
      cache.nodes.map((n) => n.name),
      ['n1'],
    );
    assert.equal(cache.get('n2'), undefined);
  });

  it('counts a bound pod once however often the informer repeats it, and frees it on delete or finish', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    const pod = fakePod('a', { cpu: '200m', memory: '64Mi', owner: 'rs', nodeName: 'n1' });
    cache.updatePod(pod);
    cache.updatePod({ ...pod, metadata: { ...pod.metadata, resourceVersion: '2' } });
    const info = cache.get('n1')!;
    assert.equal(info.podCount, 1);
    assert.equal(info.requested.milliCpu, 200);
    assert.equal(info.requested.memory, 64 * 1024 * 1024);
    assert.equal(info.siblings('default/rs'), 1);
    cache.updatePod({ ...pod, status: { phase: 'Succeeded' } });
    assert.equal(info.podCount, 0);
    assert.equal(info.requested.milliCpu, 0);
    assert.equal(info.siblings('default/rs'), 0);
    cache.updatePod(pod);
    cache.removePod(pod);
    assert.equal(info.podCount, 0);
  });

  it('moves a pod the informer shows on another node, host ports included', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    cache.setNode(fakeNode('n2'));
    const pod = fakePod('a', {
      cpu: '100m',
      containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 80, hostPort: 8080 }] }],
    });
    cache.updatePod(bound(pod, 'n1'));
    assert.equal(cache.get('n1')!.usedPorts.length, 1);
    cache.updatePod(bound(pod, 'n2'));
    assert.equal(cache.get('n1')!.podCount, 0);
    assert.deepEqual(cache.get('n1')!.usedPorts, []);
    assert.deepEqual(cache.get('n2')!.usedPorts, [{ protocol: 'TCP', hostIP: '0.0.0.0', port: 8080 }]);
    assert.equal(cache.nodeOf('uid-a'), 'n2');
  });

  it('keeps pods of a node it does not know yet and counts them once the node appears', () => {
    const cache = new SchedulerCache();
    cache.updatePod(fakePod('early', { cpu: '300m', nodeName: 'late' }));
    assert.deepEqual(cache.nodes, []);
    assert.equal(cache.get('late'), undefined);
    cache.setNode(fakeNode('late'));
    assert.equal(cpuOn(cache, 'late'), 300);
    // A deleted node with pods left keeps counting them should it come back.
    cache.removeNode('late');
    assert.deepEqual(cache.nodes, []);
    cache.setNode(fakeNode('late') as Node);
    assert.equal(cpuOn(cache, 'late'), 300);
  });

  it('counts an assumed pod at once, hands it over to the informer, and never twice', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    const pod = fakePod('a', { cpu: '200m' });
    cache.assume(pod, 'n1');
    assert.equal(cpuOn(cache, 'n1'), 200);
    assert.ok(cache.isAssumed('uid-a'));
    assert.deepEqual(cache.get('n1')!.unchargedBoundPods(), []);
    // The pod's own status patch (still unbound) does not undo the assumption.
    cache.updatePod(pod);
    assert.equal(cpuOn(cache, 'n1'), 200);
    cache.updatePod(bound(pod, 'n1'));
    assert.equal(cpuOn(cache, 'n1'), 200);
    assert.equal(cache.isAssumed('uid-a'), false);
    assert.equal(cache.get('n1')!.unchargedBoundPods().length, 1);
    assert.throws(() => cache.assume(pod, 'n1'), /already bound/);
  });

  it('sends a bound pod to the ledger until it is seen charged there, and keeps the mark across versions', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    const mine = fakePod('mine', { cpu: '100m' });
    cache.assume(mine, 'n1');
    cache.get('n1')!.markCharged(['uid-mine']);
    cache.updatePod(bound(fakePod('by-hand', { cpu: '100m' }), 'n1'));
    const names = () =>
      cache
        .get('n1')!
        .unchargedBoundPods()
        .map((p) => p.metadata.name);
    assert.deepEqual(names(), ['by-hand']);
    // The informer confirms our binding: a new version of the pod, still charged.
    cache.updatePod(bound(mine, 'n1'));
    assert.deepEqual(names(), ['by-hand']);
    cache.get('n1')!.markCharged(['uid-by-hand']);
    assert.deepEqual(names(), []);
    // Bound to another node than the one reserved: not charged there.
    cache.setNode(fakeNode('n2'));
    cache.updatePod(bound(mine, 'n2'));
    assert.deepEqual(
      cache
        .get('n2')!
        .unchargedBoundPods()
        .map((p) => p.metadata.name),
      ['mine'],
    );
  });

  it('forgets an assumed pod whose reservation or binding failed, and one bound elsewhere', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    cache.setNode(fakeNode('n2'));
    const pod = fakePod('a', { cpu: '200m' });
    cache.assume(pod, 'n1');
    cache.forget('uid-a');
    assert.equal(cpuOn(cache, 'n1'), 0);
    cache.assume(pod, 'n1');
    cache.updatePod(bound(pod, 'n2')); // another scheduler won
    assert.equal(cpuOn(cache, 'n1'), 0);
    assert.equal(cpuOn(cache, 'n2'), 200);
    cache.forget('uid-a'); // forgetting a bound pod changes nothing
    assert.equal(cpuOn(cache, 'n2'), 200);
  });

  it('expires an assumed pod the informer never confirms, counting from the finished binding', () => {
    let now = 0;
    const cache = new SchedulerCache({ assumeTtlMs: 30_000, now: () => now });
    cache.setNode(fakeNode('n1'));
    cache.assume(fakePod('slow', { cpu: '100m' }), 'n1');
    cache.assume(fakePod('lost', { cpu: '200m' }), 'n1');
    now = 100_000; // a binding in flight never expires
    assert.equal(cache.cleanupExpired(), 0);
    cache.finishBinding('uid-lost');
    now += 29_999;
    assert.equal(cache.cleanupExpired(), 0);
    now += 1;
    assert.equal(cache.cleanupExpired(), 1);
    assert.equal(cpuOn(cache, 'n1'), 100);
    assert.equal(cache.isAssumed('uid-lost'), false);
    assert.ok(cache.isAssumed('uid-slow'));
  });

  it('frees a deleted pod whether bound or only assumed', () => {
    const cache = new SchedulerCache();
    cache.setNode(fakeNode('n1'));
    const a = fakePod('a', { cpu: '100m', nodeName: 'n1' });
    const b = fakePod('b', { cpu: '200m' });
    cache.updatePod(a);
    cache.assume(b, 'n1');
    cache.removePod(a);
    cache.removePod(b);
    assert.equal(cache.get('n1')!.podCount, 0);
    assert.equal(cpuOn(cache, 'n1'), 0);
  });
});
