import { isDeepStrictEqual } from 'node:util';
import { ApiError, BUILTIN_RESOURCES, type KubeObject } from '#api';
import type { Logger } from 'pino';
import type { ResourceRegistry } from '../resource-registry.js';
import type { ServiceIPRange } from './service-ip-range.js';

const SERVICES = BUILTIN_RESOURCES.find((t) => t.group === '' && t.kind === 'Service')!;
const ENDPOINTS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.kind === 'Endpoints')!;
const NAME = 'kubernetes';
const NAMESPACE = 'default';
const OPTIONS = { dryRun: false, fieldValidation: 'Strict' } as const;

export interface KubernetesServiceSettings {
  ips: ServiceIPRange;
  /** The apiserver's secure port, the Service's target port. */
  securePort: number;
  /** The address the Endpoints name (--advertise-address). */
  advertiseAddress: string;
}

/**
 * The `default/kubernetes` Service and its Endpoints, as kube-apiserver keeps them: the
 * first address of the service range, port 443 named https to the secure port, no
 * selector; the Endpoints list this apiserver. Safe when several apiservers start at once.
 */
export async function ensureKubernetesService(
  registry: ResourceRegistry,
  settings: KubernetesServiceSettings,
  logger: Logger,
): Promise<void> {
  const ports = [{ name: 'https', protocol: 'TCP', port: 443, targetPort: settings.securePort }];
  try {
    await ensure(
      registry,
      SERVICES,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: NAME, namespace: NAMESPACE, labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: settings.ips.valueAt(1), ports, sessionAffinity: 'None' },
      },
      (current) => {
        const spec = current.spec as { ports?: unknown; type?: string };
        if (spec.type === 'ClusterIP' && isDeepStrictEqual(spec.ports, ports)) return undefined;
        return { ...current, spec: { ...spec, type: 'ClusterIP', ports } };
      },
    );
  } catch (error) {
    // Another Service holding the first address must not stop the apiserver; say why instead.
    if (!(error instanceof ApiError && error.reason === 'Invalid')) throw error;
    logger.error({ err: error }, 'cannot create the default/kubernetes Service');
  }
  const subsets = [
    {
      addresses: [{ ip: settings.advertiseAddress }],
      ports: [{ name: 'https', port: settings.securePort, protocol: 'TCP' }],
    },
  ];
  await ensure(
    registry,
    ENDPOINTS,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: NAME, namespace: NAMESPACE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets,
    },
    (current) => (isDeepStrictEqual(current.subsets, subsets) ? undefined : { ...current, subsets }),
  );
}

/** Creates `desired`, or, when it exists, writes what `update` makes of it (undefined: nothing to change). */
async function ensure(
  registry: ResourceRegistry,
  type: typeof SERVICES,
  desired: KubeObject,
  update: (current: KubeObject) => KubeObject | undefined,
): Promise<void> {
  for (;;) {
    try {
      await registry.create(type, NAMESPACE, desired, OPTIONS);
      return;
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) throw error;
    }
    try {
      const current = await registry.get({ type, namespace: NAMESPACE, name: NAME });
      const next = update(current);
      if (next) await registry.update({ type, namespace: NAMESPACE, name: NAME }, next, undefined, OPTIONS);
      return;
    } catch (error) {
      // Deleted or changed in between: start over.
      if (!(error instanceof ApiError && (error.reason === 'NotFound' || error.reason === 'Conflict'))) throw error;
    }
  }
}
