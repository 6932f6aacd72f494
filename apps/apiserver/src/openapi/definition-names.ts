import type { GroupVersionKind } from '../discovery/index.js';

/** The meta and envelope definitions operations refer to, by Kubernetes' definition names. */
export const META = {
  status: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  deleteOptions: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  watchEvent: 'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
  patch: 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
} as const;

/** Go package names of the API groups, as used in definition names ("io.k8s.api.apps.v1.Deployment"). */
const GROUP_PACKAGE: Record<string, string> = {
  '': 'core',
  'coordination.k8s.io': 'coordination',
  'discovery.k8s.io': 'discovery',
  'metrics.k8s.io': 'metrics',
};

/**
 * Maps a kind to its definition name. The schema source is authoritative: a definition
 * carrying x-kubernetes-group-version-kind for the kind wins; otherwise the Kubernetes
 * naming convention is used.
 */
export class DefinitionNames {
  private readonly byGvk = new Map<string, string>();

  constructor(schemas: Record<string, object>) {
    for (const [name, schema] of Object.entries(schemas)) {
      const gvks = (schema as { 'x-kubernetes-group-version-kind'?: GroupVersionKind[] })[
        'x-kubernetes-group-version-kind'
      ];
      for (const gvk of Array.isArray(gvks) ? gvks : []) {
        // Several definitions can claim a GVK (DeleteOptions claims many); the first, most specific, wins.
        if (!this.byGvk.has(key(gvk))) this.byGvk.set(key(gvk), name);
      }
    }
  }

  of(gvk: GroupVersionKind): string {
    const known = this.byGvk.get(key(gvk));
    if (known) return known;
    if (gvk.group === 'meta.k8s.io') return `io.k8s.apimachinery.pkg.apis.meta.${gvk.version}.${gvk.kind}`;
    const pkg = GROUP_PACKAGE[gvk.group] ?? gvk.group.split('.')[0];
    return `io.k8s.api.${pkg}.${gvk.version}.${gvk.kind}`;
  }
}

function key(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}
