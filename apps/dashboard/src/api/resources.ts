/** The API resources the dashboard shows, with where their REST paths live. */
export interface ResourceType {
  resource: string;
  group: string;
  version: string;
  namespaced: boolean;
}

const core = (resource: string, namespaced = true): ResourceType => ({
  resource,
  group: '',
  version: 'v1',
  namespaced,
});
const apps = (resource: string): ResourceType => ({ resource, group: 'apps', version: 'v1', namespaced: true });

export const RESOURCES = {
  namespaces: core('namespaces', false),
  nodes: core('nodes', false),
  pods: core('pods'),
  services: core('services'),
  endpoints: core('endpoints'),
  events: core('events'),
  replicationcontrollers: core('replicationcontrollers'),
  deployments: apps('deployments'),
  replicasets: apps('replicasets'),
} satisfies Record<string, ResourceType>;

export type ResourceName = keyof typeof RESOURCES;

/** `/api/v1/namespaces/ns/pods/name[/sub]` or `/apis/apps/v1/...`. */
export function objectPath(type: ResourceType, name: string, namespace?: string, subresource?: string): string {
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scope = type.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : '';
  const sub = subresource ? `/${subresource}` : '';
  return `${base}${scope}/${type.resource}/${encodeURIComponent(name)}${sub}`;
}
