/** Event reasons the kubelet records, as constants so every emitter spells them alike. */
export const KubeletReasons = {
  pulling: 'Pulling',
  pulled: 'Pulled',
  failed: 'Failed',
  backOff: 'BackOff',
  created: 'Created',
  started: 'Started',
  killing: 'Killing',
  unhealthy: 'Unhealthy',
  failedMount: 'FailedMount',
  failedPreStopHook: 'FailedPreStopHook',
  exceededGracePeriod: 'ExceededGracePeriod',
} as const;
