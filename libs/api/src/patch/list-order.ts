/**
 * The element order strategic merge patch gives a merged list, as Kubernetes'
 * normalizeElementOrder + mergeSortedSlice (strategicpatch/patch.go) do:
 *
 * 1. items the patch names ("patch items") are sorted in patch order;
 * 2. the others ("server-only items") keep their order from the live list;
 * 3. the two runs are interleaved: a server-only item goes first only while both it and the
 *    next patch item are in the live list and it stood earlier there.
 *
 * Example: live [a, b, c], patch names [c, a] -> patch items [c, a], server-only [b];
 * b (live 1) vs c (live 2): b first -> [b, c, a]. A new item x, absent from the live
 * list, always wins the comparison, which is why a patch adding x to [a, b] gives [x, a, b]
 * unless a $setElementOrder list says otherwise.
 *
 * Keys are merge-key values for lists of objects and the values themselves for scalars,
 * compared with SameValueZero like Go's == on JSON scalars.
 */
export function orderMergedList<T, K>(
  merged: readonly T[],
  patchOrder: readonly K[],
  serverOrder: readonly K[],
  keyOf: (item: T) => K,
): T[] {
  const patchIndex = firstIndexes(patchOrder);
  const serverIndex = firstIndexes(serverOrder);
  const patchItems: T[] = [];
  const serverOnly: T[] = [];
  for (const item of merged) (patchIndex.has(keyOf(item)) ? patchItems : serverOnly).push(item);
  const byPatch = stableSortBy(patchItems, (item) => patchIndex.get(keyOf(item)) ?? Infinity);
  const byServer = stableSortBy(serverOnly, (item) => serverIndex.get(keyOf(item)) ?? Infinity);

  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < byServer.length || j < byPatch.length) {
    if (i >= byServer.length) out.push(byPatch[j++]);
    else if (j >= byPatch.length) out.push(byServer[i++]);
    else {
      const left = serverIndex.get(keyOf(byServer[i]));
      const right = serverIndex.get(keyOf(byPatch[j]));
      if (left !== undefined && right !== undefined && left < right) out.push(byServer[i++]);
      else out.push(byPatch[j++]);
    }
  }
  return out;
}

/** Position of the first occurrence of each key, as Go's linear index() finds it. */
function firstIndexes<K>(keys: readonly K[]): Map<K, number> {
  const index = new Map<K, number>();
  keys.forEach((key, i) => {
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

function stableSortBy<T>(items: T[], rank: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}
