import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../errors/field-error.js';
import type { ResourceType } from '../resources/resource-type.js';
import { appendAll, fieldErrors } from './field-errors.js';

// Bodies reach here decoded from JSON; these helpers read them without trusting their shape.
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)[k], v);

const IMMUTABLE = 'field is immutable';
const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set';

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * What may not change from `oldObj` to `newObj`, as Kubernetes' ValidateXUpdate checks it.
 * Returns only these transition errors: run validateObject on `newObj` as well. Both objects
 * should be defaulted, and the registry should carry allocated values (clusterIP, uid,
 * creationTimestamp) forward when the new body leaves them out, as Kubernetes does.
 */
export function validateUpdate(type: ResourceType, newObj: unknown, oldObj: unknown): FieldError[] {
  const errors = validateMetadataUpdate(at(newObj, 'metadata'), at(oldObj, 'metadata'));
  switch (type.kind) {
    case 'Pod':
      appendAll(errors, validatePodSpecUpdate(obj(at(newObj, 'spec')), obj(at(oldObj, 'spec'))));
      break;
    case 'Deployment':
    case 'ReplicaSet':
      if (type.group === 'apps')
        immutable(at(newObj, 'spec', 'selector'), at(oldObj, 'spec', 'selector'), 'spec.selector', errors);
      break;
    case 'Service':
      appendAll(errors, validateServiceUpdate(obj(at(newObj, 'spec')), obj(at(oldObj, 'spec'))));
      break;
    case 'ConfigMap':
    case 'Secret':
      appendAll(
        errors,
        validateImmutableData(
          obj(newObj),
          obj(oldObj),
          type.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'],
        ),
      );
      if (type.kind === 'Secret') immutable(obj(newObj).type ?? 'Opaque', obj(oldObj).type ?? 'Opaque', 'type', errors);
      break;
    case 'Node': {
      const oldCidr = at(oldObj, 'spec', 'podCIDR');
      if (oldCidr && at(newObj, 'spec', 'podCIDR') !== oldCidr) {
        errors.push(
          fieldErrors.forbidden('spec.podCIDR', 'node updates may not change podCIDR except from "" to valid'),
        );
      }
      break;
    }
  }
  return errors;
}

function validateMetadataUpdate(newMeta: unknown, oldMeta: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['name', 'namespace'] as const) {
    immutable(obj(newMeta)[field] ?? '', obj(oldMeta)[field] ?? '', `metadata.${field}`, errors);
  }
  // Left out in the new body, these are restored from the stored object by the registry.
  for (const field of ['uid', 'creationTimestamp'] as const) {
    const value = obj(newMeta)[field];
    if (value !== undefined && value !== '') immutable(value, obj(oldMeta)[field], `metadata.${field}`, errors);
  }
  return errors;
}

function validatePodSpecUpdate(newSpec: Obj, oldSpec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const oldDeadline = oldSpec.activeDeadlineSeconds as number | undefined;
  const newDeadline = newSpec.activeDeadlineSeconds as number | undefined;
  if (oldDeadline !== undefined) {
    if (newDeadline === undefined)
      errors.push(
        fieldErrors.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'),
      );
    else if (newDeadline > oldDeadline)
      errors.push(
        fieldErrors.invalid('spec.activeDeadlineSeconds', newDeadline, 'must be less than or equal to previous value'),
      );
  }
  const oldTolerations = (oldSpec.tolerations as unknown[] | undefined) ?? [];
  const newTolerations = (newSpec.tolerations as unknown[] | undefined) ?? [];
  const tolerationsOnlyAdded = oldTolerations.every((t) => newTolerations.some((n) => isDeepStrictEqual(n, t)));

  // Compare everything else: the new spec with the mutable fields taken from the old one.
  const comparable: Obj = {
    ...newSpec,
    activeDeadlineSeconds: oldDeadline,
    tolerations: tolerationsOnlyAdded ? oldSpec.tolerations : newSpec.tolerations,
  };
  for (const list of ['containers', 'initContainers'] as const) {
    const oldList = (oldSpec[list] as Obj[] | undefined) ?? [];
    const newList = newSpec[list] as Obj[] | undefined;
    if (Array.isArray(newList) && newList.length === oldList.length) {
      comparable[list] = newList.map((c, i) => ({ ...c, image: oldList[i]?.image }));
    }
  }
  const oldGrace = oldSpec.terminationGracePeriodSeconds as number | undefined;
  if (oldGrace !== undefined && oldGrace < 0 && newSpec.terminationGracePeriodSeconds === 1)
    comparable.terminationGracePeriodSeconds = oldGrace;
  if (!isDeepStrictEqual(withoutUndefined(comparable), withoutUndefined(oldSpec)))
    errors.push(fieldErrors.forbidden('spec', POD_UPDATE_FORBIDDEN));
  return errors;
}

function validateServiceUpdate(newSpec: Obj, oldSpec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  // Switching to or from ExternalName is the one way a Service's cluster IP may change.
  if (newSpec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return errors;
  // validateUpgradeDowngradeClusterIPs (single stack): the primary cluster IP is for life.
  const oldIPs = (oldSpec.clusterIPs as unknown[] | undefined) ?? (oldSpec.clusterIP ? [oldSpec.clusterIP] : []);
  const newIPs = (newSpec.clusterIPs as unknown[] | undefined) ?? (newSpec.clusterIP ? [newSpec.clusterIP] : []);
  if (oldIPs.length === 0 || (oldIPs[0] === 'None' && newIPs[0] === 'None')) return errors;
  if (newIPs.length === 0)
    errors.push(fieldErrors.invalid('spec.clusterIPs[0]', newIPs, 'primary clusterIP can not be unset'));
  else if (newIPs[0] !== oldIPs[0])
    errors.push(fieldErrors.invalid('spec.clusterIPs[0]', newIPs, 'may not change once set'));
  return errors;
}

function validateImmutableData(newObj: Obj, oldObj: Obj, fields: string[]): FieldError[] {
  if (oldObj.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (newObj.immutable !== true) errors.push(fieldErrors.forbidden('immutable', IMMUTABLE_WHEN_SET));
  for (const field of fields) {
    if (!isDeepStrictEqual(newObj[field] ?? {}, oldObj[field] ?? {}))
      errors.push(fieldErrors.forbidden(field, IMMUTABLE_WHEN_SET));
  }
  return errors;
}

function immutable(newValue: unknown, oldValue: unknown, path: string, errors: FieldError[]): void {
  if (!isDeepStrictEqual(newValue, oldValue)) errors.push(fieldErrors.invalid(path, newValue, IMMUTABLE));
}

function withoutUndefined(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
