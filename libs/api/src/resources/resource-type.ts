/** What the API knows about one kind: the facts discovery, routing and storage need. */
export interface ResourceType {
  /** API group; "" for the core (legacy) group served under /api. */
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Plural, lower-case resource name used in URLs: "pods", "deployments". */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Subresources served under .../{name}/{subresource}. */
  subresources: string[];
}

/** "apps/v1", or "v1" for the core group. */
export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The storage name of a resource: "pods", "deployments.apps". */
export function storageNameOf(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}
