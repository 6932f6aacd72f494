import type { Node } from '#api';
import type { HostInfo } from './host-info.js';

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];

export interface NodeRegistration {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  kubeletPort: number;
}

/** The Node the agent registers: labels, register-with-taints, capacity from the host (pods 110, as the kubelet). */
export function nodeObject(registration: NodeRegistration, host: HostInfo): Node {
  const capacity = {
    cpu: String(host.cpu),
    memory: `${host.memoryKi}Ki`,
    pods: '110',
    'ephemeral-storage': `${host.ephemeralStorageKi}Ki`,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: registration.name,
      labels: {
        'kubernetes.io/hostname': registration.name,
        'kubernetes.io/os': host.operatingSystem,
        'kubernetes.io/arch': host.architecture,
        'beta.kubernetes.io/os': host.operatingSystem,
        'beta.kubernetes.io/arch': host.architecture,
        ...registration.labels,
      },
    },
    spec: registration.taints.length > 0 ? { taints: registration.taints } : {},
    status: {
      capacity,
      allocatable: capacity,
      addresses: [
        { type: 'InternalIP', address: host.internalIP },
        { type: 'Hostname', address: host.hostname },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: registration.kubeletPort } },
      nodeInfo: {
        machineID: host.machineID,
        systemUUID: host.machineID,
        bootID: '',
        kernelVersion: host.kernelVersion,
        osImage: host.osImage,
        containerRuntimeVersion: host.containerRuntimeVersion,
        kubeletVersion: 'v1.32.0-kubenest',
        kubeProxyVersion: '',
        operatingSystem: host.operatingSystem,
        architecture: host.architecture,
      },
    },
  } as unknown as Node;
}
