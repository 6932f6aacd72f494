import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '#api';
import { mirrorPodFor, mirrorPodStatus } from './mirror-pod.js';
import type { StaticPod } from './read-manifests.js';

const manifest = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'kube-scheduler', namespace: 'kube-system', annotations: { 'kubenest.io/pid': '100' } },
  spec: { containers: [{ name: 'kube-scheduler', image: 'kubenest/kube-scheduler:0.1.0' }] },
} as Pod;
const staticPod = (pid: number): StaticPod => ({
  name: 'kube-scheduler-vm',
  namespace: 'kube-system',
  manifest,
  hash: 'h1',
  pid,
  file: 'kube-scheduler.yaml',
});
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:05:00Z');

describe('mirror pods', () => {
  it('are marked as mirrors of a file and owned by the node', () => {
    const pod = mirrorPodFor(staticPod(100), { name: 'vm', uid: 'node-uid' });
    assert.equal(pod.metadata.annotations?.['kubernetes.io/config.mirror'], 'h1');
    assert.equal(pod.metadata.annotations?.['kubernetes.io/config.source'], 'file');
    assert.deepEqual(pod.metadata.ownerReferences, [
      { apiVersion: 'v1', kind: 'Node', name: 'vm', uid: 'node-uid', controller: true },
    ]);
    assert.equal(pod.spec?.nodeName, 'vm');
  });

  it('keep startTime and restartCount while the pid stays, and count a new pid as a restart', () => {
    const first = mirrorPodStatus(staticPod(100), {}, { running: true, healthy: true }, '10.0.0.1', t0);
    assert.equal(first.phase, 'Running');
    assert.equal(first.podIP, '10.0.0.1');
    assert.equal(first.containerStatuses?.[0].restartCount, 0);
    const same = mirrorPodStatus(staticPod(100), first, { running: true, healthy: true }, '10.0.0.1', t1);
    assert.equal(same.startTime, first.startTime);
    assert.equal(same.containerStatuses?.[0].restartCount, 0);
    const restarted = mirrorPodStatus(staticPod(200), same, { running: true, healthy: true }, '10.0.0.1', t1);
    assert.equal(restarted.containerStatuses?.[0].restartCount, 1);
    assert.equal(restarted.startTime, '2026-01-01T00:05:00Z');
  });

  it('are not Ready while the health URL does not answer, and Pending when the pid is gone', () => {
    const unhealthy = mirrorPodStatus(staticPod(100), {}, { running: true, healthy: false }, '10.0.0.1', t0);
    assert.equal(unhealthy.phase, 'Running');
    assert.equal(unhealthy.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
    const gone = mirrorPodStatus(staticPod(100), unhealthy, { running: false, healthy: false }, '10.0.0.1', t0);
    assert.equal(gone.phase, 'Pending');
    assert.ok(gone.containerStatuses?.[0].state?.waiting);
  });
});
