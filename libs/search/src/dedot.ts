/**
 * Label and annotation keys with their dots replaced, as Fluentd's kubernetes_metadata filter
 * does by default (de_dot, separator `_`): `app.kubernetes.io/name` becomes
 * `app_kubernetes_io/name`. Left dotted, the engine reads the key as an object path, and a pod
 * labelled `app` (a keyword) next to one labelled `app.kubernetes.io/name` (an object `app`)
 * is a mapping conflict that rejects every later document of the day.
 */
export function dedotKeys(record: Record<string, string>, separator = '_'): Record<string, string> {
  if (separator.includes('.')) throw new Error(`the de-dot separator cannot contain a dot: "${separator}"`);
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.replaceAll('.', separator), value]));
}
