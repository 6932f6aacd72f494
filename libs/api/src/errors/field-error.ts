import type { CauseType } from '../meta/status.js';

/**
 * One problem with one field, as Kubernetes' field.Error: the path uses dots and
 * [index] / [key] like "spec.template.spec.containers[0].image".
 */
export interface FieldError {
  field: string;
  type: CauseType;
  message: string;
}

/** Renders a field error the way Kubernetes prints it inside an Invalid message. */
export function describeFieldError(error: FieldError): string {
  return `${error.field}: ${error.message}`;
}
