import type { FieldError } from '../errors/field-error.js';
import type { LabelSelectorDto } from '../dto/meta/label-selector.dto.js';
import type { ObjectMetaDto } from '../dto/meta/object-meta.dto.js';
import { appendAll, child, fieldErrors, index } from './field-errors.js';
import {
  dns1123LabelErrors,
  labelValueErrors,
  maskTrailingDash,
  qualifiedNameErrors,
  type NameRule,
} from './name-rules.js';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateObjectMeta: name or generateName, namespace presence, labels, annotations, finalizers. */
export function validateObjectMeta(
  meta: ObjectMetaDto | undefined,
  namespaced: boolean,
  nameRule: NameRule,
  path = 'metadata',
): FieldError[] {
  const errors: FieldError[] = [];
  const m = meta ?? {};
  if (m.generateName) {
    for (const msg of nameRule(maskTrailingDash(m.generateName)))
      errors.push(fieldErrors.invalid(child(path, 'generateName'), m.generateName, msg));
  }
  if (!m.name) {
    if (!m.generateName) errors.push(fieldErrors.required(child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of nameRule(m.name)) errors.push(fieldErrors.invalid(child(path, 'name'), m.name, msg));
  }
  if (namespaced) {
    if (!m.namespace) errors.push(fieldErrors.required(child(path, 'namespace')));
    else
      for (const msg of dns1123LabelErrors(m.namespace))
        errors.push(fieldErrors.invalid(child(path, 'namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errors.push(fieldErrors.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  appendAll(errors, validateLabels(m.labels, child(path, 'labels')));
  appendAll(errors, validateAnnotations(m.annotations, child(path, 'annotations')));
  (m.finalizers ?? []).forEach((f, i) => {
    for (const msg of qualifiedNameErrors(f))
      errors.push(fieldErrors.invalid(index(child(path, 'finalizers'), i), f, msg));
  });
  return errors;
}

/** ValidateLabels: every key a qualified name, every value a label value; errors on the map's path. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedNameErrors(k)) errors.push(fieldErrors.invalid(path, k, msg));
    for (const msg of labelValueErrors(v)) errors.push(fieldErrors.invalid(path, v, msg));
  }
  return errors;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of qualifiedNameErrors(k.toLowerCase())) errors.push(fieldErrors.invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errors.push(fieldErrors.tooLongTotal(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errors;
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(selector: LabelSelectorDto | undefined, path: string): FieldError[] {
  if (!selector) return [];
  const errors = validateLabels(selector.matchLabels, child(path, 'matchLabels'));
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const at = index(child(path, 'matchExpressions'), i);
    const values = expr.values ?? [];
    if ((expr.operator === 'In' || expr.operator === 'NotIn') && values.length === 0) {
      errors.push(fieldErrors.required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
    }
    if ((expr.operator === 'Exists' || expr.operator === 'DoesNotExist') && values.length > 0) {
      errors.push(
        fieldErrors.forbidden(
          child(at, 'values'),
          "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        ),
      );
    }
    if (expr.key)
      for (const msg of qualifiedNameErrors(expr.key))
        errors.push(fieldErrors.invalid(child(at, 'key'), expr.key, msg));
  });
  return errors;
}
