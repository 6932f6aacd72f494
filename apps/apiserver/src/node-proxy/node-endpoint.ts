import { ApiError, builtinResource, type KubeObject } from '#api';
import type { Store } from '#store';

/** The kubelet port when a node does not report one (status.daemonEndpoints.kubeletEndpoint.Port). */
export const DEFAULT_KUBELET_PORT = 10250;

export interface NodeEndpoint {
  host: string;
  port: number;
  nodeName: string;
}

interface NodeStatus {
  addresses?: { type: string; address: string }[];
  daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
}

const NODES = builtinResource('nodes');

/** Where a pod's node agent listens, from the pod's spec.nodeName and that Node's status. */
export async function nodeEndpointOf(store: Store, pod: KubeObject): Promise<NodeEndpoint> {
  const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  if (!nodeName) throw ApiError.badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const node = await store.get(NODES.resource, '', nodeName);
  if (!node) throw ApiError.notFound({ kind: 'nodes', name: nodeName });
  return nodeEndpointFor(node);
}

/** Where a Node's agent listens: its InternalIP (else ExternalIP, else Hostname) and kubelet port. */
export function nodeEndpointFor(node: KubeObject): NodeEndpoint {
  const nodeName = node.metadata.name!;
  const status = (node.status ?? {}) as NodeStatus;
  const address =
    status.addresses?.find((a) => a.type === 'InternalIP') ??
    status.addresses?.find((a) => a.type === 'ExternalIP') ??
    status.addresses?.find((a) => a.type === 'Hostname');
  if (!address) throw new ApiError(503, 'ServiceUnavailable', `node ${nodeName} reports no address`);
  return {
    host: address.address,
    port: status.daemonEndpoints?.kubeletEndpoint?.Port ?? DEFAULT_KUBELET_PORT,
    nodeName,
  };
}
