import { ApiError } from '#api';
import type { ApiserverConnection } from './apiserver-connection.js';
import type { ServedResource } from './served-resource.js';

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface ApiGroupList {
  groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[];
}

export interface ResourceQuery {
  resource: string;
  group?: string;
  version?: string;
}

/** Discovery is re-read at most this often, and once more on a miss (a new API such as metrics.k8s.io). */
const REFRESH_MS = 30_000;

/**
 * Finds "any resource the apiserver serves" through its discovery documents, as kubectl
 * does: the core group first, then every group at its preferred version (or the one asked for).
 */
export class ResourceResolver {
  private served: ServedResource[] = [];
  private preferred = new Map<string, string>();
  private readAt = 0;
  private reading?: Promise<void>;

  constructor(private readonly apiserver: ApiserverConnection) {}

  async resolve(query: ResourceQuery): Promise<ServedResource> {
    if (Date.now() - this.readAt > REFRESH_MS) await this.refresh();
    let found = this.find(query);
    if (!found && Date.now() - this.readAt > 1000) {
      await this.refresh();
      found = this.find(query);
    }
    if (!found) {
      const where = query.group ? ` in ${query.group}${query.version ? `/${query.version}` : ''}` : '';
      throw new ApiError(404, 'NotFound', `the server doesn't have a resource type "${query.resource}"${where}`);
    }
    return found;
  }

  /** Whether the apiserver serves this group (at any version). */
  async servesGroup(group: string): Promise<boolean> {
    await this.refresh();
    return this.preferred.has(group);
  }

  private find(query: ResourceQuery): ServedResource | undefined {
    const candidates = this.served.filter(
      (r) =>
        r.resource === query.resource &&
        (query.group === undefined || r.group === query.group) &&
        (query.version === undefined || r.version === query.version),
    );
    if (query.version) return candidates[0];
    // Core first (kubectl's order), then a group's preferred version.
    return candidates.find((r) => r.group === '') ?? candidates.find((r) => this.preferred.get(r.group) === r.version);
  }

  private refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<void> {
    const [core, groups] = await Promise.all([
      this.apiserver.json<ApiResourceList>({ path: '/api/v1' }),
      this.apiserver.json<ApiGroupList>({ path: '/apis' }),
    ]);
    const lists = [core];
    const preferred = new Map<string, string>([['', 'v1']]);
    await Promise.all(
      groups.groups.flatMap((group) => {
        preferred.set(group.name, group.preferredVersion?.version ?? group.versions[0]?.version ?? '');
        return group.versions.map(async ({ version }) =>
          lists.push(await this.apiserver.json<ApiResourceList>({ path: `/apis/${group.name}/${version}` })),
        );
      }),
    );
    this.served = lists.flatMap((list) => {
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
      return list.resources
        .filter((r) => !r.name.includes('/'))
        .map((r) => ({
          group,
          version,
          resource: r.name,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: r.verbs ?? [],
        }));
    });
    this.preferred = preferred;
    this.readAt = Date.now();
  }
}
