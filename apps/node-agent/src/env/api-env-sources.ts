import type { ConfigMap, Secret } from '#api';
import type { ApiClient } from '#client';
import { Resources } from '../pods/resources.js';
import type { EnvSources } from './env-sources.js';

/** ConfigMaps and Secrets read from the apiserver, each at most once per sync (the returned object). */
export function apiEnvSources(client: ApiClient, rest: Omit<EnvSources, 'configMap' | 'secret'>): EnvSources {
  const cache = new Map<string, Promise<Record<string, string> | undefined>>();
  const cached = (key: string, load: () => Promise<Record<string, string> | undefined>) => {
    let value = cache.get(key);
    if (!value) cache.set(key, (value = load()));
    return value;
  };
  return {
    ...rest,
    configMap: (namespace, name) =>
      cached(`cm/${namespace}/${name}`, async () => {
        const cm = await client.get<ConfigMap>(Resources.configMaps, namespace, name);
        if (!cm) return undefined;
        const binary = Object.entries(cm.binaryData ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]);
        return { ...Object.fromEntries(binary), ...(cm.data ?? {}) };
      }),
    secret: (namespace, name) =>
      cached(`secret/${namespace}/${name}`, async () => {
        const secret = await client.get<Secret>(Resources.secrets, namespace, name);
        if (!secret) return undefined;
        const decoded = Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]);
        return { ...Object.fromEntries(decoded), ...(secret.stringData ?? {}) };
      }),
  };
}
