import { ApiError } from '../errors/api-error.js';

/** Every defect in a protobuf body is the client's: a 400 saying what could not be decoded. */
export function malformed(detail: string): ApiError {
  return ApiError.badRequest(`unable to decode protobuf request body: ${detail}`);
}
