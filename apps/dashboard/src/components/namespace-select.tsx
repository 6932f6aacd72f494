import type { KubeObject } from '../model/k8s-types.js';
import { useWatch } from '../store/hooks.js';

export const ALL_NAMESPACES = '';

/** The namespace filter: one namespace (the default), or all of them. */
export function NamespaceSelect(props: { value: string; onChange(namespace: string): void }) {
  const namespaces = useWatch<KubeObject>('namespaces', undefined);
  const names = namespaces
    .items()
    .map((n) => n.metadata.name)
    .sort();
  if (props.value && !names.includes(props.value)) names.unshift(props.value);
  return (
    <label class="namespace-select">
      <span>Namespace</span>
      <select value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        <option value={ALL_NAMESPACES}>All namespaces</option>
        {names.map((name) => (
          <option value={name}>{name}</option>
        ))}
      </select>
    </label>
  );
}
