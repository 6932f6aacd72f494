/** metav1.Time on the wire: RFC 3339 in UTC with whole seconds, as Kubernetes writes it. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
