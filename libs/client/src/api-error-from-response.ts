import { ApiError, type Status } from '#api';
import { apiErrorFromStatus } from './api-error-from-status.js';
import { statusReasonForCode } from './status-reason-for-code.js';

/**
 * The ApiError a non-2xx response stands for, rebuilt from its Status body so that callers
 * can branch on `reason` exactly as server code does. A body that is not a Status (a proxy's
 * error page, say) still yields an ApiError with the reason its code implies.
 */
export function apiErrorFromResponse(httpCode: number, body: string): ApiError {
  const status = parseStatus(body);
  if (status) return apiErrorFromStatus(status, httpCode);
  return new ApiError(httpCode, statusReasonForCode(httpCode), body.slice(0, 1024) || `HTTP ${httpCode}`);
}

function parseStatus(body: string): Partial<Status> | undefined {
  try {
    const parsed = JSON.parse(body) as Partial<Status> | null;
    return parsed && typeof parsed === 'object' && parsed.kind === 'Status' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
