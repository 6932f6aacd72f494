import { ApiError, BUILTIN_RESOURCES } from '#api';
import type { ResourceRegistry } from './resource-registry.js';

/** The namespaces every Kubernetes cluster has from its first start. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Creates the system namespaces that are missing; safe when several apiservers start at once. */
export async function ensureSystemNamespaces(registry: ResourceRegistry): Promise<void> {
  const type = BUILTIN_RESOURCES.find((t) => t.group === '' && t.kind === 'Namespace')!;
  for (const name of SYSTEM_NAMESPACES) {
    try {
      await registry.create(
        type,
        undefined,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
        { dryRun: false, fieldValidation: 'Strict' },
      );
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) throw error;
    }
  }
}
