import type { StatusReason } from '#api';

const REASON_BY_CODE: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The reason Kubernetes gives a code when the server did not say (cf. apimachinery's NewGenericServerResponse). */
export function statusReasonForCode(code: number): StatusReason {
  return REASON_BY_CODE[code] ?? 'InternalError';
}
