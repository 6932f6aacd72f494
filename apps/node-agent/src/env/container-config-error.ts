/** A container that cannot be configured yet (missing ConfigMap/Secret key): waiting reason CreateContainerConfigError. */
export class ContainerConfigError extends Error {
  override readonly name = 'ContainerConfigError';
}
