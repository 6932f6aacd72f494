import { ApiError, type Status } from '#api';
import { statusReasonForCode } from './status-reason-for-code.js';

/** An ApiError from a Status object: an error response's body or a watch ERROR event's object. */
export function apiErrorFromStatus(status: Partial<Status>, fallbackCode = 500): ApiError {
  const code = typeof status.code === 'number' && status.code > 0 ? status.code : fallbackCode;
  return new ApiError(code, status.reason ?? statusReasonForCode(code), status.message ?? '', status.details);
}
