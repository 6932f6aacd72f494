import type { ResourceCatalog, ResourceType } from '#api';
import type {
  AggregatedDiscoveryVersion,
  APIGroupDiscovery,
  APIGroupDiscoveryList,
  APIResourceDiscovery,
} from './discovery-types.js';
import { namedGroups } from './legacy-discovery.js';
import { subresourcesOf } from './subresources.js';

/**
 * Aggregated discovery (KEP-3352): /api or /apis with every version's resources inline, so
 * client-go needs two requests instead of one per group version. `scope` picks the endpoint:
 * "core" answers /api (one unnamed group), "apis" answers /apis. v2 and v2beta1 have the same
 * JSON shape; only apiVersion differs.
 */
export function buildAggregatedDiscovery(
  catalog: ResourceCatalog,
  scope: 'core' | 'apis',
  version: AggregatedDiscoveryVersion = 'v2',
): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] =
    scope === 'core'
      ? coreGroup(catalog)
      : namedGroups(catalog).map((group) => ({
          metadata: { name: group.name, creationTimestamp: null },
          versions: group.versions.map((v) => ({
            version: v.version,
            resources: catalog.inGroupVersion(group.name, v.version).map(resourceDiscovery),
            freshness: 'Current' as const,
          })),
        }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

function coreGroup(catalog: ResourceCatalog): APIGroupDiscovery[] {
  const versions = catalog
    .groupVersions()
    .filter((gv) => gv.group === '')
    .map((gv) => ({
      version: gv.version,
      resources: catalog.inGroupVersion('', gv.version).map(resourceDiscovery),
      freshness: 'Current' as const,
    }));
  return versions.length ? [{ metadata: { creationTimestamp: null }, versions }] : [];
}

function resourceDiscovery(type: ResourceType): APIResourceDiscovery {
  const subresources = subresourcesOf(type).map((sub) => ({
    subresource: sub.name,
    responseKind: sub.responseKind,
    verbs: sub.verbs,
  }));
  return {
    resource: type.resource,
    // client-go drops a resource whose responseKind is missing, so it is always set.
    responseKind: { group: type.group, version: type.version, kind: type.kind },
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: type.verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}
