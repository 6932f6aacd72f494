import type { KubeObject } from '#api';

/** Parses stored JSON (kept without metadata.resourceVersion) and puts the resourceVersion in. */
export function parseStoredObject(json: string, resourceVersion: string): KubeObject {
  const obj = JSON.parse(json) as KubeObject;
  obj.metadata = { ...obj.metadata, resourceVersion };
  return obj;
}

/**
 * The JSON the store keeps: resourceVersion lives beside it, so an update that changes
 * nothing else compares equal byte for byte and is skipped.
 */
export function serializeForStorage(obj: KubeObject): string {
  const { resourceVersion: _ignored, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}
