import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from './k8s-types.js';
import { summarizePod } from './pod-summary.js';

function pod(status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', uid: 'u', ...extra },
    spec: { nodeName: 'n1', containers: [{ name: 'a' }, { name: 'b' }] },
    status,
  };
}

describe('summarizePod', () => {
  it('counts ready containers and restarts of a running pod', () => {
    const s = summarizePod(
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: { running: {} } },
          { name: 'b', ready: false, restartCount: 1, state: { running: {} } },
        ],
      }),
    );
    assert.deepEqual([s.status, s.ready, s.total, s.restarts, s.node, s.tone], ['Running', 1, 2, 3, 'n1', 'warning']);
  });

  it('shows a waiting reason instead of the phase, as an error', () => {
    const s = summarizePod(
      pod({
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'b', ready: true, restartCount: 0, state: { running: {} } },
        ],
      }),
    );
    assert.equal(s.status, 'CrashLoopBackOff');
    assert.equal(s.tone, 'error');
  });

  it('shows init progress while init containers run', () => {
    const p = pod({
      phase: 'Pending',
      initContainerStatuses: [{ name: 'i', ready: false, restartCount: 0, state: { running: {} } }],
    });
    p.spec.initContainers = [{ name: 'i' }];
    assert.equal(summarizePod(p).status, 'Init:0/1');
  });

  it('says Terminating once the pod is being deleted', () => {
    const s = summarizePod(pod({ phase: 'Running' }, { deletionTimestamp: '2024-01-01T00:00:00Z' }));
    assert.equal(s.status, 'Terminating');
  });

  it('treats a pod without status (not yet scheduled) as Pending', () => {
    const s = summarizePod({ metadata: { name: 'p', uid: 'u' }, spec: { containers: [{ name: 'a' }] } });
    assert.deepEqual([s.status, s.ready, s.total, s.node, s.tone], ['Pending', 0, 1, '', 'progress']);
  });
});
