import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fakePod } from '../testing/fake-pod.js';
import { podRequests } from './pod-requests.js';

const container = (name: string, cpu?: string, memory?: string) => ({
  name,
  image: 'busybox',
  resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
});

describe('podRequests', () => {
  it('sums app containers', () => {
    const pod = fakePod('p', { containers: [container('a', '200m', '64Mi'), container('b', '300m', '64Mi')] });
    assert.deepEqual(podRequests(pod), { cpu: 500, memory: 128 * 1024 * 1024 });
  });

  it('takes the largest init container when it needs more than the app containers together', () => {
    const pod = fakePod('p', {
      containers: [container('a', '200m'), container('b', '300m')],
      spec: { initContainers: [container('init', '1', '1Gi')] },
    });
    assert.deepEqual(podRequests(pod), { cpu: 1000, memory: 1024 ** 3 });
    const small = fakePod('q', {
      containers: [container('a', '200m')],
      spec: { initContainers: [container('i', '100m')] },
    });
    assert.deepEqual(podRequests(small), { cpu: 200 });
  });

  it('adds the pod overhead', () => {
    const pod = fakePod('p', { cpu: '100m', spec: { overhead: { cpu: '50m' } } });
    assert.equal(podRequests(pod)['cpu'], 150);
  });

  it('counts BestEffort containers as 0 for fit and 100m/200Mi for scoring', () => {
    const pod = fakePod('p', { containers: [container('a'), container('b', '50m')] });
    assert.deepEqual(podRequests(pod), { cpu: 50 });
    assert.deepEqual(podRequests(pod, { nonZero: true }), { cpu: 150, memory: 2 * 200 * 1024 * 1024 });
  });
});
