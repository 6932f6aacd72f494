/**
 * The fields each kind can be filtered on with `?fieldSelector=`, mirroring the
 * field label conversion functions Kubernetes registers per kind (pkg/apis/core/v1/conversion.go
 * and each registry's ToSelectableFields). Values are rendered as Kubernetes renders them:
 * booleans as "true"/"false", integers in decimal, missing fields as "".
 */
type FieldGetter = (obj: unknown) => string;

const metadataFields: Record<string, FieldGetter> = {
  'metadata.name': (o) => text(at(o, 'metadata', 'name')),
  'metadata.namespace': (o) => text(at(o, 'metadata', 'namespace')),
};

const podFields: Record<string, FieldGetter> = {
  'spec.nodeName': (o) => text(at(o, 'spec', 'nodeName')),
  'spec.restartPolicy': (o) => text(at(o, 'spec', 'restartPolicy')),
  'spec.schedulerName': (o) => text(at(o, 'spec', 'schedulerName')),
  'spec.serviceAccountName': (o) => text(at(o, 'spec', 'serviceAccountName')),
  'spec.hostNetwork': (o) => String(at(o, 'spec', 'hostNetwork') === true),
  'status.phase': (o) => text(at(o, 'status', 'phase')),
  // Kubernetes reads the first of status.podIPs; fall back to podIP for objects without the list.
  'status.podIP': (o) => text(at(o, 'status', 'podIPs', 0, 'ip') ?? at(o, 'status', 'podIP')),
  'status.nominatedNodeName': (o) => text(at(o, 'status', 'nominatedNodeName')),
};

const eventFields: Record<string, FieldGetter> = {
  'involvedObject.kind': (o) => text(at(o, 'involvedObject', 'kind')),
  'involvedObject.namespace': (o) => text(at(o, 'involvedObject', 'namespace')),
  'involvedObject.name': (o) => text(at(o, 'involvedObject', 'name')),
  'involvedObject.uid': (o) => text(at(o, 'involvedObject', 'uid')),
  'involvedObject.apiVersion': (o) => text(at(o, 'involvedObject', 'apiVersion')),
  'involvedObject.resourceVersion': (o) => text(at(o, 'involvedObject', 'resourceVersion')),
  'involvedObject.fieldPath': (o) => text(at(o, 'involvedObject', 'fieldPath')),
  reason: (o) => text(at(o, 'reason')),
  reportingComponent: (o) => text(at(o, 'reportingComponent')),
  source: (o) => text(at(o, 'source', 'component')),
  type: (o) => text(at(o, 'type')),
};

const replicasFields: Record<string, FieldGetter> = {
  'status.replicas': (o) => integer(at(o, 'status', 'replicas')),
};

const fieldsByKind: Record<string, Record<string, FieldGetter>> = {
  pod: podFields,
  event: eventFields,
  node: { 'spec.unschedulable': (o) => String(at(o, 'spec', 'unschedulable') === true) },
  namespace: { 'status.phase': (o) => text(at(o, 'status', 'phase')) },
  secret: { type: (o) => text(at(o, 'type')) },
  replicationcontroller: replicasFields,
  replicaset: replicasFields,
};

/** Resource names (plural, as in URLs) for the kinds above. */
const kindByResource: Record<string, string> = {
  pods: 'pod',
  events: 'event',
  nodes: 'node',
  namespaces: 'namespace',
  secrets: 'secret',
  replicationcontrollers: 'replicationcontroller',
  replicasets: 'replicaset',
};

/**
 * How to read `field` from an object of `kind` ("Pod", "pods"), or undefined when the
 * kind does not support selecting on it.
 */
export function selectableField(kind: string, field: string): FieldGetter | undefined {
  const lower = kind.toLowerCase();
  const key = Object.hasOwn(kindByResource, lower) ? kindByResource[lower] : lower;
  const kindFields = Object.hasOwn(fieldsByKind, key) ? fieldsByKind[key] : {};
  if (Object.hasOwn(metadataFields, field)) return metadataFields[field];
  return Object.hasOwn(kindFields, field) ? kindFields[field] : undefined;
}

/** Follows own properties only, so a hostile path cannot reach Object.prototype. */
function at(obj: unknown, ...path: (string | number)[]): unknown {
  let current = obj;
  for (const step of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function integer(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : '0';
}
