/** Real-world manifests for specs; each call returns a fresh copy that a test may change. */
import { BUILTIN_RESOURCES } from '../resources/builtin-resources.js';
import type { ResourceType } from '../resources/resource-type.js';

export function typeOf(kind: string): ResourceType {
  const type = BUILTIN_RESOURCES.find((t) => t.kind === kind);
  if (!type) throw new Error(`no type ${kind}`);
  return type;
}

/** The nginx Deployment from the Kubernetes documentation. */
export const nginxDeployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', namespace: 'default', labels: { app: 'nginx' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
    },
  },
});

/** "microservice1 with 5 replicas", as a ReplicationController without an explicit selector. */
export const microserviceRc = () => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'microservice1', namespace: 'default' },
  spec: {
    replicas: 5,
    template: {
      metadata: { labels: { app: 'microservice1', tier: 'backend' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'localhost:5000/microservice1',
            ports: [{ name: 'http', containerPort: 8080 }],
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'LOG_LEVEL', value: 'info' },
            ],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: 0.5, memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 5 },
            volumeMounts: [{ name: 'config', mountPath: '/etc/app' }],
          },
        ],
        volumes: [{ name: 'config', configMap: { name: 'microservice1' } }],
      },
    },
  },
});

/** A NodePort Service with named ports. */
export const namedPortService = () => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'microservice1', namespace: 'default' },
  spec: {
    type: 'NodePort',
    selector: { app: 'microservice1' },
    ports: [
      { name: 'http', port: 80, targetPort: 'http', nodePort: 30080 },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ],
  },
});

export const simplePod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'busybox', namespace: 'default' },
  spec: { containers: [{ name: 'busybox', image: 'busybox', command: ['sleep', '3600'] }] },
});

/**
 * Specs reshape manifests freely, wrong types included, to build bad input; this alias
 * says so once instead of a cast at every step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;
