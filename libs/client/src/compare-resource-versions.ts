/**
 * Orders two resourceVersions numerically. kubenest's are decimal integers from one Redis
 * counter (as etcd revisions are), so comparing by length and then digits is exact at any
 * size, with no BigInt parsing on the hot path. "" (nothing seen yet) sorts first.
 */
export function compareResourceVersions(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
