/** Event reasons and condition values kube-scheduler uses, as constants. */
export const SchedulingReasons = {
  scheduled: 'Scheduled',
  failedScheduling: 'FailedScheduling',
  podScheduledCondition: 'PodScheduled',
  unschedulable: 'Unschedulable',
  defaultSchedulerName: 'default-scheduler',
} as const;
