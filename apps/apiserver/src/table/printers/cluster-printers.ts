import { age } from '../human-duration.js';
import { AGE_COLUMN, column, NAME_COLUMN, type TablePrinter } from '../table-types.js';

interface Node {
  metadata: { name?: string; creationTimestamp?: string; labels?: Record<string, string> };
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type: string; status: string }[];
    addresses?: { type: string; address: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

/** "Ready", "NotReady", "Unknown" (no Ready condition), plus ",SchedulingDisabled" when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) roles.add(key.slice(ROLE_PREFIX.length));
    else if (key === ROLE_LABEL && value) roles.add(value);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    column('OS-Image', 'OS Image reported by the node from /etc/os-release.', { priority: 1 }),
    column('Kernel-Version', "Kernel Version reported by the node from 'uname -r'.", { priority: 1 }),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API.', {
      priority: 1,
    }),
  ],
  cells(node: Node, now) {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name,
      nodeStatus(node),
      nodeRoles(node),
      age(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};

interface Namespace {
  metadata: { name?: string; creationTimestamp?: string };
  status?: { phase?: string };
}

export const namespacePrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Status', 'The status of the namespace'), AGE_COLUMN],
  cells(ns: Namespace, now) {
    return [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, now)];
  },
};

interface Lease {
  metadata: { name?: string; creationTimestamp?: string };
  spec?: { holderIdentity?: string };
}

export const leasePrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Holder', 'The holder of the lease'), AGE_COLUMN],
  cells(lease: Lease, now) {
    return [lease.metadata.name, lease.spec?.holderIdentity ?? '', age(lease.metadata.creationTimestamp, now)];
  },
};
