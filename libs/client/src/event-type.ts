/** core/v1 Event.type: Normal for progress, Warning for something an operator should look at. */
export type EventType = 'Normal' | 'Warning';
