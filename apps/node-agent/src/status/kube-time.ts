/** RFC 3339 to the second, as metav1.Time serialises. */
export function kubeTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime). */
export function kubeMicroTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}
