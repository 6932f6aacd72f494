import type { Status, StatusDetails, StatusReason } from '../meta/status.js';
import { describeFieldError, type FieldError } from './field-error.js';

/** Identifies the object an error is about, for Status.details. */
export interface ErrorTarget {
  /** Resource (plural, e.g. "pods") or kind, as Kubernetes puts it in details.kind. */
  kind: string;
  group?: string;
  name?: string;
}

/**
 * An error that becomes a Kubernetes Status response. Everything the API refuses is
 * thrown as an ApiError; anything else that escapes is an InternalError (500).
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }

  static badRequest(message: string): ApiError {
    return new ApiError(400, 'BadRequest', message);
  }

  static unauthorized(message = 'Unauthorized'): ApiError {
    return new ApiError(401, 'Unauthorized', message);
  }

  static forbidden(message: string, target?: ErrorTarget): ApiError {
    return new ApiError(403, 'Forbidden', message, target && detailsOf(target));
  }

  static notFound(target: ErrorTarget): ApiError {
    return new ApiError(404, 'NotFound', `${qualified(target)} "${target.name ?? ''}" not found`, detailsOf(target));
  }

  static alreadyExists(target: ErrorTarget): ApiError {
    return new ApiError(
      409,
      'AlreadyExists',
      `${qualified(target)} "${target.name ?? ''}" already exists`,
      detailsOf(target),
    );
  }

  static conflict(target: ErrorTarget, why: string): ApiError {
    return new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(target)} "${target.name ?? ''}": ${why}`,
      detailsOf(target),
    );
  }

  /** 422 with one cause per field, worded like Kubernetes' StatusError for Invalid. */
  static invalid(target: ErrorTarget & { kindName: string }, errors: FieldError[]): ApiError {
    const list = errors.map(describeFieldError);
    const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
    return new ApiError(422, 'Invalid', `${target.kindName} "${target.name ?? ''}" is invalid: ${summary}`, {
      name: target.name,
      group: target.group,
      kind: target.kindName,
      causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
    });
  }

  static methodNotAllowed(message: string): ApiError {
    return new ApiError(405, 'MethodNotAllowed', message);
  }

  static notAcceptable(message: string): ApiError {
    return new ApiError(406, 'NotAcceptable', message);
  }

  static gone(message: string): ApiError {
    return new ApiError(410, 'Expired', message);
  }

  static tooLarge(message: string): ApiError {
    return new ApiError(413, 'RequestEntityTooLarge', message);
  }

  static unsupportedMediaType(message: string): ApiError {
    return new ApiError(415, 'UnsupportedMediaType', message);
  }

  static internal(message: string): ApiError {
    return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`);
  }
}

function qualified(target: ErrorTarget): string {
  return target.group ? `${target.kind}.${target.group}` : target.kind;
}

function detailsOf(target: ErrorTarget): StatusDetails {
  return {
    ...(target.name !== undefined ? { name: target.name } : {}),
    ...(target.group ? { group: target.group } : {}),
    kind: target.kind,
  };
}
