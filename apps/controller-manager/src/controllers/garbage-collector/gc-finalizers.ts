/** The garbage collector's finalizers, as metav1.FinalizerOrphanDependents and FinalizerDeleteDependents. */
export const GcFinalizer = {
  orphan: 'orphan',
  foregroundDeletion: 'foregroundDeletion',
} as const;
