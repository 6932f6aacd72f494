import type { FieldError } from '../errors/field-error.js';
import type { DeploymentDto } from '../dto/apps/deployment.dto.js';
import type { ReplicaSetDto } from '../dto/apps/replica-set.dto.js';
import type { ReplicationControllerDto } from '../dto/core/replication-controller.dto.js';
import type { PodTemplateSpecDto } from '../dto/core/pod-spec.dto.js';
import type { LabelSelectorDto } from '../dto/meta/label-selector.dto.js';
import { labelSelectorFromObject, labelSelectorFromSet } from '../selectors/index.js';
import { appendAll, child, fieldErrors } from './field-errors.js';
import { percentErrors } from './name-rules.js';
import { validateAnnotations, validateLabelSelector, validateLabels } from './object-meta-rules.js';
import { validatePodSpec } from './pod-rules.js';

const NON_NEGATIVE = 'must be greater than or equal to 0';
const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** ValidateReplicationControllerSpec; tolerates the selector and labels defaulting would fill. */
export function validateReplicationController(rc: ReplicationControllerDto): FieldError[] {
  const spec = rc.spec ?? {};
  const errors: FieldError[] = [];
  nonNegative(spec.replicas, 'spec.replicas', errors);
  nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', errors);
  if (!spec.template) return [...errors, fieldErrors.required('spec.template')];
  const templateLabels = spec.template.metadata?.labels ?? {};
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : templateLabels;
  if (Object.keys(selector).length === 0) errors.push(fieldErrors.required('spec.selector'));
  appendAll(errors, validateLabels(spec.selector, 'spec.selector'));
  if (errors.length === 0 && !labelSelectorFromSet(selector).matches(templateLabels)) {
    errors.push(fieldErrors.invalid('spec.template.metadata.labels', templateLabels, SELECTOR_MISMATCH));
  }
  appendAll(errors, validateTemplate(spec.template, 'spec.template'));
  return errors;
}

export function validateReplicaSet(rs: ReplicaSetDto): FieldError[] {
  const spec = rs.spec;
  const errors: FieldError[] = [];
  if (!spec) return [fieldErrors.required('spec.selector')];
  nonNegative(spec.replicas, 'spec.replicas', errors);
  nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', errors);
  appendAll(errors, validateSelectorAndTemplate(spec.selector, spec.template, 'replicaset'));
  return errors;
}

export function validateDeployment(d: DeploymentDto): FieldError[] {
  const spec = d.spec;
  const errors: FieldError[] = [];
  if (!spec) return [fieldErrors.required('spec.selector'), fieldErrors.required('spec.template')];
  nonNegative(spec.replicas, 'spec.replicas', errors);
  nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', errors);
  nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', errors);
  appendAll(errors, validateSelectorAndTemplate(spec.selector, spec.template, 'deployment'));
  const strategy = spec.strategy;
  if (strategy?.type === 'Recreate' && strategy.rollingUpdate) {
    errors.push(
      fieldErrors.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"),
    );
  } else if (strategy?.rollingUpdate) {
    const at = 'spec.strategy.rollingUpdate';
    const { maxSurge, maxUnavailable } = strategy.rollingUpdate;
    validateIntOrPercent(maxSurge, `${at}.maxSurge`, errors);
    validateIntOrPercent(maxUnavailable, `${at}.maxUnavailable`, errors);
    if (
      typeof maxUnavailable === 'string' &&
      percentErrors(maxUnavailable).length === 0 &&
      parseInt(maxUnavailable, 10) > 100
    ) {
      errors.push(fieldErrors.invalid(`${at}.maxUnavailable`, maxUnavailable, 'must not be greater than 100%'));
    }
    if (isZero(maxSurge) && isZero(maxUnavailable)) {
      errors.push(fieldErrors.invalid(`${at}.maxUnavailable`, maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
  }
  if (spec.progressDeadlineSeconds !== undefined) {
    nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds', errors);
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errors.push(
        fieldErrors.invalid(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return errors;
}

/** apps/v1: a required, non-empty selector that matches the template's labels. */
function validateSelectorAndTemplate(
  selector: LabelSelectorDto | undefined,
  template: PodTemplateSpecDto | undefined,
  kindWord: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!selector) errors.push(fieldErrors.required('spec.selector'));
  else {
    const selectorErrors = validateLabelSelector(selector, 'spec.selector');
    appendAll(errors, selectorErrors);
    const empty = !Object.keys(selector.matchLabels ?? {}).length && !selector.matchExpressions?.length;
    if (empty) errors.push(fieldErrors.invalid('spec.selector', selector, `empty selector is invalid for ${kindWord}`));
    const labels = template?.metadata?.labels ?? {};
    if (!empty && selectorErrors.length === 0 && !labelSelectorFromObject(selector).matches(labels)) {
      errors.push(fieldErrors.invalid('spec.template.metadata.labels', labels, SELECTOR_MISMATCH));
    }
  }
  if (!template) errors.push(fieldErrors.required('spec.template'));
  else appendAll(errors, validateTemplate(template, 'spec.template'));
  return errors;
}

function validateTemplate(template: PodTemplateSpecDto, path: string): FieldError[] {
  return [
    ...validateLabels(template.metadata?.labels, `${path}.metadata.labels`),
    ...validateAnnotations(template.metadata?.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(template.spec, child(path, 'spec'), { restartAlwaysOnly: true }),
  ];
}

function validateIntOrPercent(value: number | string | undefined, path: string, errors: FieldError[]): void {
  if (typeof value === 'number') nonNegative(value, path, errors);
  else if (typeof value === 'string')
    for (const msg of percentErrors(value)) errors.push(fieldErrors.invalid(path, value, msg));
}

function isZero(v: number | string | undefined): boolean {
  return v === 0 || v === '0%';
}

function nonNegative(value: number | undefined, path: string, errors: FieldError[]): void {
  if (value !== undefined && value < 0) errors.push(fieldErrors.invalid(path, value, NON_NEGATIVE));
}
