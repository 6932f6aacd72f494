import type { Container, Pod, PodSpec } from '#api';

export interface FakePodOptions {
  cpu?: string;
  memory?: string;
  nodeName?: string;
  namespace?: string;
  phase?: string;
  owner?: string;
  spec?: Partial<PodSpec>;
  containers?: Container[];
}

/** A pending pod with one container requesting what it is told (nothing by default). */
export function fakePod(name: string, options: FakePodOptions = {}): Pod {
  const requests: Record<string, string> = {};
  if (options.cpu) requests['cpu'] = options.cpu;
  if (options.memory) requests['memory'] = options.memory;
  const containers = options.containers ?? [{ name: 'app', image: 'busybox', resources: { requests } }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      uid: `uid-${name}`,
      ...(options.owner
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: options.owner, uid: options.owner, controller: true },
            ],
          }
        : {}),
    },
    spec: {
      containers,
      schedulerName: 'default-scheduler',
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
      ...options.spec,
    },
    status: { phase: options.phase ?? 'Pending' },
  } as Pod;
}
