/** What env resolution reads besides the pod: ConfigMaps and Secrets (undefined when missing), the pod's IPs and the node. */
export interface EnvSources {
  configMap(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** Decoded values of the Secret's data and stringData. */
  secret(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  podIP?: string;
  hostIP: string;
  /** Node allocatable, for resourceFieldRef of a container without that limit. */
  nodeAllocatable: { cpu: string; memory: string; 'ephemeral-storage'?: string };
  /** The Services' variables ({NAME}_SERVICE_HOST, ...) for this pod (service-env.ts). */
  serviceEnv?: Map<string, string>;
}
