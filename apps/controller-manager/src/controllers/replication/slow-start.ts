/**
 * Kubernetes' slowStartBatch: runs `count` calls of `fn` in batches of 1, 2, 4, 8 ... and
 * stops after the first batch with an error, so a failure that hits every call (quota
 * exhausted, namespace terminating) costs one request, not hundreds.
 *
 * Example: count 10, the 4th call fails. Batch 1 (1 call) and batch 2 (2 calls) succeed; batch
 * 3 runs calls 4-7 together, call 4 fails: 3 + 3 = 6 succeed, the last 3 are never tried.
 * The answer is { successes: 6, error } with the first error of the failed batch.
 */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => Promise<void>,
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.length - results.filter((r) => r.status === 'rejected').length;
    if (failed) return { successes, error: failed.reason };
    remaining -= batch;
  }
  return { successes };
}
