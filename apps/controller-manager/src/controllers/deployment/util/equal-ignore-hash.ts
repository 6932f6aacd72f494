import type { PodTemplateSpec } from '#api';
import { canonicalJson } from './canonical-json.js';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash-label.js';

const withoutHash = (template: PodTemplateSpec | undefined) => {
  const labels = { ...template?.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template?.metadata, labels } };
};

/** EqualIgnoreHash: the templates are the same apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}
