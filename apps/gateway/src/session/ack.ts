import { errorBody, type ErrorBody } from './error-body.js';

export type Ack = ({ ok: true } & Record<string, unknown>) | { ok: false; error: ErrorBody };

/** Runs a request handler and turns its outcome into the acknowledgement the protocol defines. */
export async function ack(handle: () => Promise<Record<string, unknown>> | Record<string, unknown>): Promise<Ack> {
  try {
    return { ok: true, ...(await handle()) };
  } catch (error) {
    return { ok: false, error: errorBody(error) };
  }
}
