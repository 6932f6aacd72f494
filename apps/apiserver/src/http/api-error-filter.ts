import { Catch, type ArgumentsHost, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ApiError } from '#api';
import { writeError } from './response-writer.js';

/**
 * Every error leaves as a Kubernetes Status. ApiErrors carry their own code; Nest's
 * HttpExceptions (e.g. its 404 for unknown routes) are translated; anything else is a
 * bug, logged with its stack and answered 500 without internals.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ServerResponse>();
    writeError(res, toApiError(error, this.logger));
  }
}

export function toApiError(error: unknown, logger: Logger): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpException && error.getStatus() === 404) {
    return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  }
  logger.error({ err: error }, 'request failed with an unexpected error');
  return ApiError.internal('an unexpected error occurred; see the apiserver log');
}
