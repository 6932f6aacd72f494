import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenSearchSink, kubenestIndexTemplates } from '#search';
import { logBulkItem } from '../../apps/node-agent/src/logging/ship/log-document.js';
import { parseJsonFileLine } from '../../apps/node-agent/src/logging/parse/parse-json-file-line.js';
import { parseContainerLogName } from '../../apps/node-agent/src/logging/paths/kubelet-log-paths.js';
import { kubernetesMetadata } from '../../apps/node-agent/src/logging/enrich/kubernetes-metadata.js';

/** Documents per pre-built bulk body: about what one 2 MiB shipper chunk holds for these lines. */
export const RAW_BULK_DOCUMENTS = 3_000;
/** Bulk bodies posted at once by the raw run (xargs -P of curl). */
export const RAW_PARALLEL = 4;

/**
 * The bulk bodies of the engine's raw limit: the very documents the kubenest shipper builds for
 * the workload (same fields, same daily index names under `prefix`), as NDJSON files of
 * RAW_BULK_DOCUMENTS each. `ids` true: `create` with the shipper's deterministic `_id`;
 * false: `index` without one (the engine generates ids, as rsyslog's requests do).
 */
export function writeRawBulks(containersDir: string, outDir: string, prefix: string, ids: boolean): void {
  mkdirSync(outDir, { recursive: true });
  const options = { indexPrefix: prefix, jsonKey: 'json', jsonMaxBytes: 64 * 1024 };
  let lines: string[] = [];
  let files = 0;
  const flush = () => {
    writeFileSync(join(outDir, `${String(files++).padStart(6, '0')}.ndjson`), `${lines.join('\n')}\n`);
    lines = [];
  };
  for (const link of readdirSync(containersDir).sort()) {
    const name = parseContainerLogName(link)!;
    const kubernetes = kubernetesMetadata(name, undefined, { host: 'bench', annotationMatch: [] });
    const text = readFileSync(join(containersDir, link));
    let offset = 0;
    while (offset < text.length) {
      const end = text.indexOf(10, offset);
      const entry = parseJsonFileLine(text.subarray(offset, end), { fileKey: link, offset }, '');
      const item = logBulkItem(entry, kubernetes, name.containerId, options);
      const action = ids ? { create: { _index: item.index, _id: item.id } } : { index: { _index: item.index } };
      lines.push(JSON.stringify(action), JSON.stringify(item.document));
      if (lines.length >= 2 * RAW_BULK_DOCUMENTS) flush();
      offset = end + 1;
    }
  }
  if (lines.length > 0) flush();
}

/** Posts every body in `dir` to `${url}/_bulk`, RAW_PARALLEL at a time, with curl. */
export async function postRawBulks(dir: string, url: string): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = spawn(
    'sh',
    [
      '-c',
      `ls | xargs -P ${RAW_PARALLEL} -I{} curl -sS -o /dev/null --fail -H 'content-type: application/x-ndjson' --data-binary @{} "$URL/_bulk"`,
    ],
    { cwd: dir, env: { ...process.env, URL: url }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const exited = once(child, 'exit');
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** kubenest's logs template for `prefix`, as the shipper installs it for its own: the same mappings for the raw runs. */
export async function installLogsTemplate(url: string, prefix: string): Promise<void> {
  const sink = OpenSearchSink.fromOptions({ url });
  try {
    const templates = kubenestIndexTemplates({ naming: { logs: prefix }, templateNamePrefix: `${prefix}-` });
    await sink.putIndexTemplate(`${prefix}-kubenest-logs`, templates[`${prefix}-kubenest-logs`]);
  } finally {
    await sink.close();
  }
}
