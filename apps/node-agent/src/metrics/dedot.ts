/**
 * Label keys with dots replaced by underscores, as Fluentd's kubernetes_metadata filter does
 * (de_dot): `app.kubernetes.io/name` would otherwise become an object path in the engine and
 * clash with a plain `app` label's keyword mapping.
 */
export function dedotKeys(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) out[key.replace(/\./g, '_')] = value;
  return out;
}
