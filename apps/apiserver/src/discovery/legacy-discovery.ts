import { apiVersionOf, type ResourceCatalog, type ResourceType } from '#api';
import type {
  APIGroup,
  APIGroupList,
  APIResource,
  APIResourceList,
  APIVersions,
  ServerAddressByClientCIDR,
} from './discovery-types.js';
import { storageVersionHash } from './storage-version-hash.js';
import { subresourcesOf } from './subresources.js';

/** /api: the core group's versions and where clients reach the server. */
export function buildApiVersions(catalog: ResourceCatalog, serverAddress: string): APIVersions {
  const serverAddressByClientCIDRs: ServerAddressByClientCIDR[] = [{ clientCIDR: '0.0.0.0/0', serverAddress }];
  const versions = catalog
    .groupVersions()
    .filter((gv) => gv.group === '')
    .map((gv) => gv.version);
  return { kind: 'APIVersions', versions, serverAddressByClientCIDRs };
}

/** /apis: every named group, first-listed version preferred. */
export function buildApiGroupList(catalog: ResourceCatalog): APIGroupList {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: namedGroups(catalog) };
}

export function namedGroups(catalog: ResourceCatalog): APIGroup[] {
  const byName = new Map<string, APIGroup>();
  for (const gv of catalog.groupVersions()) {
    if (gv.group === '') continue;
    const entry = { groupVersion: apiVersionOf(gv), version: gv.version };
    const group = byName.get(gv.group);
    if (group) group.versions.push(entry);
    else byName.set(gv.group, { name: gv.group, versions: [entry], preferredVersion: entry });
  }
  return [...byName.values()];
}

/** /api/v1 or /apis/{group}/{version}; undefined when that group/version is not served (404). */
export function buildApiResourceList(
  catalog: ResourceCatalog,
  group: string,
  version: string,
): APIResourceList | undefined {
  const types = catalog.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: types.flatMap(resourceEntries),
  };
}

/** The resource itself, then "resource/subresource" entries, as kube-apiserver orders them. */
function resourceEntries(type: ResourceType): APIResource[] {
  const main: APIResource = {
    name: type.resource,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
    storageVersionHash: storageVersionHash(type.group, type.version, type.kind),
  };
  const subs = subresourcesOf(type).map((sub): APIResource => {
    const { group, version, kind } = sub.responseKind;
    const foreign = group !== type.group || version !== type.version;
    return {
      name: `${type.resource}/${sub.name}`,
      // kube-apiserver leaves singularName empty on subresources.
      singularName: '',
      namespaced: type.namespaced,
      ...(foreign ? { group, version } : {}),
      kind,
      verbs: sub.verbs,
    };
  });
  return [main, ...subs];
}
