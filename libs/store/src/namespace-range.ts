/** ZRANGEBYLEX bounds covering one namespace, or everything when namespace is undefined. */
export function namespaceRange(namespace: string | undefined): { min: string; max: string } {
  if (namespace === undefined) return { min: '-', max: '+' };
  // '0' is the character after '/', so "(ns0" excludes "ns-other/..." and "nsx/...".
  return { min: `[${namespace}/`, max: `(${namespace}0` };
}
