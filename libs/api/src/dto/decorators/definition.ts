import { recordDefinition, type GroupVersionKind } from './dto-metadata.js';

/** Names a DTO class as the OpenAPI definition Kubernetes publishes for it. */
export function Definition(
  name: string,
  options: { description?: string; gvk?: GroupVersionKind } = {},
): ClassDecorator {
  return (target) => recordDefinition(target, { name, ...options });
}
