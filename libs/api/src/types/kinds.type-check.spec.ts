import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../meta/object-meta.js';
import type { Deployment, Pod } from './kinds.js';

describe('kind types', () => {
  it('are plain object types that fit KubeObject', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    const deployment: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } } } },
    };
    // Compiles only if the mapped types are assignable to KubeObject (the point of Shape<T>).
    const objects: KubeObject[] = [pod, deployment];
    assert.deepEqual(
      objects.map((o) => o.kind),
      ['Pod', 'Deployment'],
    );
  });
});
