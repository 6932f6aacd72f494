import type { ResourceType } from '#api';

/**
 * Queue keys of the garbage collector: "<group>/<resource>/<namespace>/<name>", the group
 * empty for the core group and the namespace empty for cluster-scoped kinds
 * ("/pods/default/web-1", "apps/replicasets/default/web", "/nodes//node-a").
 */
export const graphKey = {
  of(type: Pick<ResourceType, 'group' | 'resource'>, namespace: string | undefined, name: string): string {
    return `${type.group}/${type.resource}/${namespace ?? ''}/${name}`;
  },
  parse(key: string): { group: string; resource: string; namespace: string | undefined; name: string } {
    const [group = '', resource = '', namespace = '', name = ''] = key.split('/');
    return { group, resource, namespace: namespace || undefined, name };
  },
};
