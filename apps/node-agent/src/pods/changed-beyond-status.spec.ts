import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '#api';
import { changedBeyondStatus } from './changed-beyond-status.js';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '10', labels: { app: 'web' } },
  spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'localhost:5000/microservice:1.0' }] },
  status: { phase: 'Pending' },
};

describe('changedBeyondStatus', () => {
  it('ignores a status write and the resourceVersion it brings', () => {
    assert.equal(
      changedBeyondStatus(pod, {
        ...pod,
        metadata: { ...pod.metadata, resourceVersion: '11' },
        status: { phase: 'Running' },
      }),
      false,
    );
  });

  it('sees deletion, a new image and changed labels', () => {
    const deleted = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    assert.equal(changedBeyondStatus(pod, deleted), true);
    const image = {
      ...pod,
      spec: { ...pod.spec!, containers: [{ name: 'web', image: 'localhost:5000/microservice:2.0' }] },
    };
    assert.equal(changedBeyondStatus(pod, image), true);
    assert.equal(changedBeyondStatus(pod, { ...pod, metadata: { ...pod.metadata, labels: { app: 'other' } } }), true);
  });
});
