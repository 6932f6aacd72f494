/** Event reasons of the replication controllers, as Kubernetes spells them. */
export const ReplicationEventReason = {
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
  InvalidSelector: 'InvalidSelector',
} as const;
