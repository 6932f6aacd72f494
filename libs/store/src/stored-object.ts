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

/**
 * What a write returns: the object written, with its new resourceVersion, sharing everything
 * below metadata with `obj` (the writer hands `obj` over). Parsing the JSON just written
 * back cost the apiserver a JSON.parse per create and update for an equal object.
 */
export function withResourceVersion(obj: KubeObject, resourceVersion: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion } };
}
