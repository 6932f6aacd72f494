import type { ResourceType } from '#api';
import type { GroupVersionKind } from './discovery-types.js';

/** What a subresource answers with and which verbs it takes, as kube-apiserver lists them. */
export interface SubresourceInfo {
  name: string;
  responseKind: GroupVersionKind;
  verbs: string[];
}

const GET_PATCH_UPDATE = ['get', 'patch', 'update'];

/**
 * Subresources whose response kind is not the parent's own kind. The rest (status, log)
 * answer with the parent kind. Verbs follow kube-apiserver's discovery output; log is
 * "get" only because streaming logs is still a GET.
 */
const SPECIAL: Record<string, { kind?: GroupVersionKind; verbs: string[] }> = {
  status: { verbs: GET_PATCH_UPDATE },
  scale: { kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: GET_PATCH_UPDATE },
  binding: { kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
  log: { verbs: ['get'] },
  exec: { kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
  attach: { kind: { group: '', version: 'v1', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
  portforward: { kind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
  eviction: { kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
  finalize: { verbs: ['update'] },
};

export function subresourceInfo(type: ResourceType, name: string): SubresourceInfo {
  const special = SPECIAL[name];
  const ownKind = { group: type.group, version: type.version, kind: type.kind };
  return { name, responseKind: special?.kind ?? ownKind, verbs: special?.verbs ?? GET_PATCH_UPDATE };
}

export function subresourcesOf(type: ResourceType): SubresourceInfo[] {
  return type.subresources.map((name) => subresourceInfo(type, name));
}
