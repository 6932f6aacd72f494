import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '#api';
import { kubernetesMetadata } from './kubernetes-metadata.js';

const name = { pod: 'web-1', namespace: 'shop', container: 'app', containerId: 'c0ffee' };
const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    uid: 'uid-1',
    labels: { app: 'web', 'app.kubernetes.io/name': 'web' },
    annotations: { 'example.com/team': 'checkout', 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: { containers: [{ name: 'app', image: 'microservice:1.0' }] },
  status: { containerStatuses: [{ name: 'app', image: 'microservice:1.0', imageID: 'sha256:abc' } as never] },
};

describe('kubernetesMetadata', () => {
  it('has the Fluentd kubernetes_metadata shape with dedotted labels and no annotations by default', () => {
    assert.deepEqual(kubernetesMetadata(name, pod, { host: 'node-a', annotationMatch: [] }), {
      namespace_name: 'shop',
      pod_name: 'web-1',
      container_name: 'app',
      host: 'node-a',
      pod_id: 'uid-1',
      container_image: 'microservice:1.0',
      container_image_id: 'sha256:abc',
      labels: { app: 'web', 'app_kubernetes_io/name': 'web' },
    });
  });

  it('adds the annotations that match, dedotted', () => {
    const meta = kubernetesMetadata(name, pod, { host: 'node-a', annotationMatch: [/^example\.com\//] });
    assert.deepEqual(meta['annotations'], { 'example_com/team': 'checkout' });
  });

  it('keeps the names from the file name when the pod is no longer cached', () => {
    assert.deepEqual(kubernetesMetadata(name, undefined, { host: 'node-a', annotationMatch: [] }), {
      namespace_name: 'shop',
      pod_name: 'web-1',
      container_name: 'app',
      host: 'node-a',
    });
  });
});
