import { BUILTIN_RESOURCES, type ResourceType } from '#api';

const core = (resource: string): ResourceType =>
  BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === resource)!;

/** The API types the agent reads and writes. */
export const Resources = {
  pods: core('pods'),
  nodes: core('nodes'),
  configMaps: core('configmaps'),
  secrets: core('secrets'),
  namespaces: core('namespaces'),
  services: core('services'),
  endpoints: core('endpoints'),
  leases: BUILTIN_RESOURCES.find((t) => t.group === 'coordination.k8s.io' && t.resource === 'leases')!,
} as const;
