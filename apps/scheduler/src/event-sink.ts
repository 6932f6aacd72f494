import type { KubeObject } from '#api';

/** What the scheduler needs of an event recorder (libs/client's EventRecorder fits). */
export interface EventSink {
  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}
