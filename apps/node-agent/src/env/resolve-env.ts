import { parseQuantity, type Container, type Pod } from '#api';
import { ContainerConfigError } from './container-config-error.js';
import type { EnvSources } from './env-sources.js';
import { expandVars } from './expand-vars.js';

type EnvVar = NonNullable<Container['env']>[number];
type Source = NonNullable<EnvVar['valueFrom']>;

/**
 * The kubelet's makeEnvironmentVariables: envFrom first (prefixed; later sources win), then
 * env in order, each value $(VAR)-expanded against the variables defined before it. A
 * missing ConfigMap, Secret or key that is not optional throws ContainerConfigError with
 * the kubelet's wording. Service variables (sources.serviceEnv) can be referenced by $(VAR)
 * and are added last, where the container does not define the same name itself.
 */
export async function resolveEnv(pod: Pod, container: Container, sources: EnvSources): Promise<Map<string, string>> {
  const namespace = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    const data =
      kind === 'configmap' ? await sources.configMap(namespace, ref.name!) : await sources.secret(namespace, ref.name!);
    if (!data) {
      if (ref.optional) continue;
      throw new ContainerConfigError(`${kind} "${ref.name}" not found`);
    }
    for (const [key, value] of Object.entries(data)) env.set(prefix + key, value);
  }
  for (const variable of container.env ?? []) {
    let value: string | undefined;
    if (variable.valueFrom) value = await valueFrom(pod, container, variable.valueFrom, namespace, sources);
    else value = expandVars(variable.value ?? '', (name) => env.get(name) ?? sources.serviceEnv?.get(name));
    if (value !== undefined) env.set(variable.name, value);
  }
  for (const [name, value] of sources.serviceEnv ?? []) if (!env.has(name)) env.set(name, value);
  return env;
}

async function valueFrom(
  pod: Pod,
  container: Container,
  source: Source,
  namespace: string,
  sources: EnvSources,
): Promise<string | undefined> {
  if (source.fieldRef) return fieldValue(pod, source.fieldRef.fieldPath, sources);
  if (source.resourceFieldRef) return resourceValue(container, source.resourceFieldRef, sources);
  const keyRef = source.configMapKeyRef ?? source.secretKeyRef;
  if (!keyRef) return undefined;
  const isConfigMap = Boolean(source.configMapKeyRef);
  const data = isConfigMap
    ? await sources.configMap(namespace, keyRef.name!)
    : await sources.secret(namespace, keyRef.name!);
  const kindWord = isConfigMap ? 'configmap' : 'secret';
  if (!data) {
    if (keyRef.optional) return undefined;
    throw new ContainerConfigError(`${kindWord} "${keyRef.name}" not found`);
  }
  const value = data[keyRef.key];
  if (value === undefined && !keyRef.optional) {
    const kind = isConfigMap ? 'ConfigMap' : 'Secret';
    throw new ContainerConfigError(`couldn't find key ${keyRef.key} in ${kind} ${namespace}/${keyRef.name}`);
  }
  return value;
}

/** The downward API's fieldRef paths the kubelet supports for env. */
export function fieldValue(pod: Pod, fieldPath: string, sources: Pick<EnvSources, 'podIP' | 'hostIP'>): string {
  const mapKey = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (mapKey) return (pod.metadata[mapKey[1] as 'labels' | 'annotations'] ?? {})[mapKey[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
    case 'metadata.annotations': {
      const map = pod.metadata[fieldPath === 'metadata.labels' ? 'labels' : 'annotations'] ?? {};
      return Object.entries(map)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}="${v}"`)
        .join('\n');
    }
    case 'spec.nodeName':
      return pod.spec!.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec!.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return sources.podIP ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return sources.hostIP;
    default:
      throw new ContainerConfigError(`unsupported fieldPath: ${fieldPath}`);
  }
}

/** resourceFieldRef: the container's limit (node allocatable when unset) or request, divided and rounded up. */
function resourceValue(
  container: Container,
  ref: NonNullable<Source['resourceFieldRef']>,
  sources: EnvSources,
): string {
  const [kind, resource] = ref.resource.split('.') as ['limits' | 'requests', string];
  const fallback = kind === 'limits' ? sources.nodeAllocatable[resource as 'cpu'] : '0';
  const raw = container.resources?.[kind]?.[resource] ?? fallback ?? '0';
  const quantity = parseQuantity(raw);
  const divisor = parseQuantity(ref.divisor ?? '1');
  if (resource === 'cpu') {
    return String(Math.max(1, Math.ceil(quantity.milliValue() / divisor.milliValue())));
  }
  return String(Math.ceil(quantity.value() / divisor.value()));
}
