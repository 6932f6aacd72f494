/** A volume that cannot be set up (missing ConfigMap/Secret): event FailedMount, pod stays ContainerCreating. */
export class VolumeError extends Error {
  override readonly name = 'VolumeError';
}
