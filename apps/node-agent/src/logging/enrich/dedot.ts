/**
 * Label keys with dots replaced, as fluent-plugin-kubernetes_metadata_filter's de_dot does
 * (separator "_"): `app` and `app.kubernetes.io/name` would otherwise map to an object and a
 * text field at once and the engine would reject one of them.
 */
export function dedot(map: Record<string, string> | undefined, separator = '_'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) out[key.replaceAll('.', separator)] = value;
  return out;
}
