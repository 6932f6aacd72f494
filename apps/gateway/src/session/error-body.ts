import { ApiError } from '#api';

export interface ErrorBody {
  code: number;
  reason: string;
  message: string;
}

/** The `error` of a failed ack or a `subscription-error`: a Kubernetes Status's code, reason and message. */
export function errorBody(error: unknown): ErrorBody {
  const apiError = error instanceof ApiError ? error : ApiError.internal((error as Error)?.message ?? String(error));
  return { code: apiError.code, reason: apiError.reason, message: apiError.message };
}
