/**
 * reserve.lua code 2: a recent reservation holds the pod on another node — another
 * scheduler process is binding it right now, or its informer is behind ours.
 */
export class ReservationHeldError extends Error {
  constructor(readonly node: string) {
    super(`the pod is reserved on node ${node}`);
    this.name = 'ReservationHeldError';
  }
}
