import { join } from 'node:path';
import type { Container, Pod } from '#api';
import type { Mount } from '#runtime';
import { VolumeError } from './volume-error.js';

/** The runtime mounts of a container's volumeMounts (configMap and secret volumes are always read-only). */
export function containerMounts(pod: Pod, container: Container, volumePaths: Map<string, string>): Mount[] {
  return (container.volumeMounts ?? []).map((mount) => {
    const hostPath = volumePaths.get(mount.name);
    if (!hostPath) throw new VolumeError(`volume "${mount.name}" of container ${container.name} is not available`);
    const volume = pod.spec!.volumes?.find((v) => v.name === mount.name);
    const readOnlySource = Boolean(volume?.configMap || volume?.secret);
    return {
      hostPath: mount.subPath ? join(hostPath, mount.subPath) : hostPath,
      containerPath: mount.mountPath,
      readOnly: Boolean(mount.readOnly) || readOnlySource,
    };
  });
}
