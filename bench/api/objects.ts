import type { CoreV1Api, V1ConfigMap, V1Pod } from '@kubernetes/client-node';

/** Annotation carrying the writer's send time (performance.timeOrigin + now, epoch ms). */
export const SENT_AT = 'bench.kubenest.io/sent-at';

/** Whether the write falls in the measured window ('true') or the warm-up ('false'). */
export const MEASURED = 'bench.kubenest.io/measured';

export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A ConfigMap with a few small keys, about what an app's settings look like. */
export function configMap(name: string, annotations?: Record<string, string>): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { app: 'bench' }, annotations },
    data: {
      'log.level': 'info',
      'feature.x': 'enabled',
      'upstream.url': 'http://microservice1:8080',
      'pool.size': '16',
    },
  };
}

/** A one-container Pod; nothing schedules or runs it during the benchmark. */
export function pod(name: string): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'microservice1' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'localhost:5000/microservice:1.0',
          ports: [{ containerPort: 8080 }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' } },
        },
      ],
    },
  };
}

export type Kind = 'ConfigMap' | 'Pod';

export async function create(client: CoreV1Api, kind: Kind, namespace: string, name: string): Promise<void> {
  if (kind === 'ConfigMap') await client.createNamespacedConfigMap({ namespace, body: configMap(name) });
  else await client.createNamespacedPod({ namespace, body: pod(name) });
}

/** Creates a namespace per measurement, so lists and watches see only what that step wrote. */
export async function createNamespace(client: CoreV1Api, name: string): Promise<string> {
  await client.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  return name;
}

/** Fills a namespace with `count` ConfigMaps, `parallel` at a time; fails loudly on any error. */
export async function fillConfigMaps(
  clients: CoreV1Api[],
  namespace: string,
  count: number,
  prefix = 'cm',
): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < names.length) {
        const name = names[next++];
        await client.createNamespacedConfigMap({ namespace, body: configMap(name) });
      }
    }),
  );
  return names;
}
