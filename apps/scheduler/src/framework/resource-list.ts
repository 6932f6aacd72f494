/**
 * Amounts of resources by name, as kube-scheduler's framework.Resource: cpu in millicores,
 * every other resource (memory, ephemeral-storage, extended resources) in whole units.
 * Plain numbers are exact here: memory in bytes stays far below 2^53.
 */
export type ResourceList = Record<string, number>;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const PODS = 'pods';
