/**
 * The member of a resource's index for one object: "<namespace>/<name>", with an empty
 * namespace for cluster-scoped objects. Lexical order of members is the list order.
 */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
