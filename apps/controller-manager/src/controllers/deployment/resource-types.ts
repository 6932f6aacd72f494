import { BUILTIN_RESOURCES, type ResourceType } from '#api';

const find = (group: string, resource: string): ResourceType => {
  const type = BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource);
  if (!type) throw new Error(`built-in resource ${group}/${resource} is missing`);
  return type;
};

/** The kinds the deployment controller touches. */
export const RESOURCE_TYPES = {
  deployments: find('apps', 'deployments'),
  replicaSets: find('apps', 'replicasets'),
  pods: find('', 'pods'),
};
