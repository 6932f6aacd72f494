import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { Pod } from '#api';
import type { EnvSources } from '../env/env-sources.js';
import { VolumeError } from './volume-error.js';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];

/**
 * Sets up the pod's volumes under `podDir`/volumes and returns each volume's host path:
 * emptyDir a directory, hostPath the host's path (created for DirectoryOrCreate), configMap
 * and secret their keys written as files (items, defaultMode) fresh on every call, so an
 * edited ConfigMap reaches the pod on a later sync as the kubelet's does. Kinds the agent
 * does not support are skipped.
 */
export async function prepareVolumes(
  pod: Pod,
  podDir: string,
  sources: Pick<EnvSources, 'configMap' | 'secret'>,
): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const namespace = pod.metadata.namespace ?? 'default';
  for (const volume of pod.spec!.volumes ?? []) {
    const dir = join(podDir, 'volumes', volume.name);
    if (volume.emptyDir) {
      mkdirSync(dir, { recursive: true });
      // World-writable like the kubelet's emptyDir, so non-root containers can use it.
      chmodSync(dir, 0o777);
      paths.set(volume.name, dir);
    } else if (volume.hostPath) {
      const type = volume.hostPath.type ?? '';
      if (type === 'DirectoryOrCreate') mkdirSync(volume.hostPath.path, { recursive: true });
      paths.set(volume.name, volume.hostPath.path);
    } else if (volume.configMap || volume.secret) {
      const data = volume.configMap
        ? await sources.configMap(namespace, volume.configMap.name!)
        : await sources.secret(namespace, volume.secret!.secretName!);
      const source = projectedSource(volume);
      if (!data && !source.optional) {
        const what = volume.configMap
          ? `configmap "${volume.configMap.name}"`
          : `secret "${volume.secret!.secretName}"`;
        throw new VolumeError(`MountVolume.SetUp failed for volume "${volume.name}" : ${what} not found`);
      }
      writeProjection(dir, data ?? {}, source, volume.name);
      paths.set(volume.name, dir);
    }
  }
  return paths;
}

function projectedSource(volume: Volume): {
  items?: { key: string; path: string; mode?: number }[];
  defaultMode?: number;
  optional?: boolean;
} {
  return (volume.configMap ?? volume.secret)!;
}

function writeProjection(
  dir: string,
  data: Record<string, string>,
  source: ReturnType<typeof projectedSource>,
  volumeName: string,
): void {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  const files = source.items?.length
    ? source.items.map((item) => {
        if (!(item.key in data) && !source.optional) {
          throw new VolumeError(
            `MountVolume.SetUp failed for volume "${volumeName}" : configmap references non-existent config key: ${item.key}`,
          );
        }
        return { key: item.key, path: item.path, mode: item.mode };
      })
    : Object.keys(data).map((key) => ({ key, path: key, mode: undefined as number | undefined }));
  for (const file of files) {
    if (!(file.key in data)) continue;
    const target = normalize(join(dir, file.path));
    if (!target.startsWith(dir + '/')) throw new VolumeError(`item path "${file.path}" escapes volume "${volumeName}"`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data[file.key]);
    chmodSync(target, file.mode ?? source.defaultMode ?? 0o644);
  }
}
