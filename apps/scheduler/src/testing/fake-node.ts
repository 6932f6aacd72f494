import type { Node } from '#api';

export interface FakeNodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  /** Ready condition status; 'missing' leaves the condition out. */
  ready?: 'True' | 'False' | 'Unknown' | 'missing';
}

/** A Node as a node agent reports it; Ready with 1 cpu, 1Gi, 10 pods unless told. */
export function fakeNode(name: string, options: FakeNodeOptions = {}): Node {
  const ready = options.ready ?? 'True';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: { unschedulable: options.unschedulable, taints: options.taints },
    status: {
      allocatable: { cpu: options.cpu ?? '1', memory: options.memory ?? '1Gi', pods: options.pods ?? '10' },
      conditions: ready === 'missing' ? [] : [{ type: 'Ready', status: ready }],
    },
  } as Node;
}
