import { BUILTIN_RESOURCES, type KubeObject, type ResourceType } from '#api';

/** Built-in types and objects the client's tests share. */
export const testFixtures = {
  type(resource: string): ResourceType {
    const found = BUILTIN_RESOURCES.find((t) => t.resource === resource);
    if (!found) throw new Error(`no built-in resource ${resource}`);
    return found;
  },
  configMap(name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject {
    return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
  },
};
