import { BUILTIN_RESOURCES } from './builtin-resources.js';
import { apiVersionOf, type ResourceType } from './resource-type.js';

/** Looks kinds up by the names clients use: resource path, kind, apiVersion. */
export class ResourceCatalog {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();

  constructor(readonly types: readonly ResourceType[] = BUILTIN_RESOURCES) {
    for (const t of types) {
      this.byPath.set(pathKey(t.group, t.version, t.resource), t);
      this.byKind.set(kindKey(apiVersionOf(t), t.kind), t);
    }
  }

  /** The type served at /api(s)/{group}/{version}/{resource}, if any. */
  byResource(group: string, version: string, resource: string): ResourceType | undefined {
    return this.byPath.get(pathKey(group, version, resource));
  }

  /** The type an object's apiVersion and kind name, if any. */
  byApiVersionKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(kindKey(apiVersion, kind));
  }

  /** Group/versions served, core ("v1") first. */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const t of this.types) seen.set(apiVersionOf(t), { group: t.group, version: t.version });
    return [...seen.values()];
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.version === version);
  }
}

function pathKey(group: string, version: string, resource: string): string {
  return `${group}/${version}/${resource}`;
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}
