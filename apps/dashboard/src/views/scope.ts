import { ALL_NAMESPACES } from '../components/namespace-select.js';

/** The namespace a watch is scoped to: undefined for "all namespaces". */
export function watchScope(namespace: string): string | undefined {
  return namespace === ALL_NAMESPACES ? undefined : namespace;
}

export function byNamespaceAndName(a: { metadata: { namespace?: string; name: string } }, b: typeof a): number {
  return (
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
    a.metadata.name.localeCompare(b.metadata.name)
  );
}
