import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { StaticPodAnnotations } from '../../../node-agent/src/static-pods/static-pod-annotations.js';
import { redisSocketPath } from '../components/redis-component.js';
import type { CliConfig } from '../config/cli-config.js';
import { packageVersion } from '../project-root.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { apiserverUrl } from './apiserver-url.js';

/** The kubelet's --pod-manifest-path of this machine's node agent. */
export function staticPodManifestDir(dataDir: string): string {
  return join(dataDir, 'manifests');
}

/** Which static pod (kubeadm's names) each supervised component stands for, and how it shows it is healthy. */
const STATIC_PODS: Record<string, { pod: string; container: string; healthUrl(config: CliConfig): string }> = {
  // Redis holds the cluster state, the role etcd has in Kubernetes.
  redis: { pod: 'etcd', container: 'redis', healthUrl: (c) => `unix://${redisSocketPath(c.dataDir)}` },
  apiserver: { pod: 'kube-apiserver', container: 'kube-apiserver', healthUrl: (c) => `${apiserverUrl(c)}/livez` },
  'controller-manager': {
    pod: 'kube-controller-manager',
    container: 'kube-controller-manager',
    healthUrl: (c) => `http://127.0.0.1:${c.ports.controllerManager}/healthz`,
  },
  scheduler: {
    pod: 'kube-scheduler',
    container: 'kube-scheduler',
    healthUrl: (c) => `http://127.0.0.1:${c.ports.scheduler}/healthz`,
  },
};

/**
 * Describes each control-plane process `up` runs as a static pod manifest, for the node agent
 * to publish as a mirror pod (`kubectl get pods -n kube-system`). The manifests describe and
 * do not run: `up` supervises the processes itself and stops the cluster when one dies, so
 * the agent must not start them a second time. Manifests of components this `up` does not run
 * are removed. Written with a rename, so the agent never reads half a file.
 */
export async function writeStaticPodManifests(
  config: CliConfig,
  specs: ComponentSpec[],
  pidOf: (component: string) => number | undefined,
): Promise<void> {
  const dir = staticPodManifestDir(config.dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const version = packageVersion();
  for (const [component, staticPod] of Object.entries(STATIC_PODS)) {
    const spec = specs.find((s) => s.name === component);
    const pid = pidOf(component);
    const file = join(dir, `${staticPod.pod}.yaml`);
    if (!spec || pid === undefined) {
      await rm(file, { force: true });
      continue;
    }
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: staticPod.pod,
        namespace: 'kube-system',
        labels: { component: staticPod.pod, tier: 'control-plane' },
        annotations: {
          [StaticPodAnnotations.pid]: String(pid),
          [StaticPodAnnotations.healthUrl]: staticPod.healthUrl(config),
        },
      },
      spec: {
        hostNetwork: true,
        containers: [
          {
            name: staticPod.container,
            // A placeholder: the process runs from this checkout, not from an image.
            image: `kubenest/${staticPod.container}:${version}`,
            command: [spec.command, ...spec.args],
          },
        ],
      },
    };
    const tmp = join(dir, `.${staticPod.pod}.yaml.tmp`);
    await writeFile(tmp, stringify(manifest), { mode: 0o600 });
    await rename(tmp, file);
  }
}
