/** What the gateway needs to know of a resource the apiserver serves, from its discovery. */
export interface ServedResource {
  group: string;
  version: string;
  /** Plural name, as in URLs: "pods", "deployments". */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/** "/api/v1" or "/apis/apps/v1", then the namespace segment (namespaced kinds only), then the resource. */
export function collectionPath(type: ServedResource, namespace?: string): string {
  const root = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scope = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${scope}/${type.resource}`;
}
