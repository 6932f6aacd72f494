/**
 * Table output (meta.k8s.io/v1 Table) for kubectl get.
 *
 * How the HTTP layer calls this:
 *   Accept "application/json;as=Table;v=v1;g=meta.k8s.io" (kubectl also lists v1beta1, then
 *   plain JSON; answer the first you serve) on get or list:
 *     toTable(type, objects, { includeObject, now: new Date(), listMeta: list.metadata })
 *     -> respond with Content-Type "application/json;as=Table;v=v1;g=meta.k8s.io"
 *   includeObject comes from ?includeObject= and defaults to "Metadata" (kubectl sends
 *   "Object" only with --sort-by).
 *   On watch with that Accept: one WatchTableEncoder per connection,
 *     encoder.encode(event, new Date()) for each event; the stream's Content-Type stays
 *     "application/json;stream=watch" as for any JSON watch.
 */
export * from './table-types.js';
export * from './human-duration.js';
export * from './format.js';
export * from './printers/pod-printer.js';
export * from './printers/workload-printers.js';
export * from './printers/service-printers.js';
export * from './printers/cluster-printers.js';
export * from './printers/config-printers.js';
export * from './printers/event-printer.js';
export * from './printer-registry.js';
export * from './to-table.js';
export * from './watch-table-encoder.js';
