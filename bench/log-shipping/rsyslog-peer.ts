import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The peer: Debian's rsyslog tailing the same /var/log/containers-style files with imfile
 * (inotify, read from the start) and writing them with omelasticsearch in bulk mode. Each line
 * goes in as it is (the json-file text in `log`); rsyslog does none of the joining or
 * enrichment the kubenest shipper does, which the docs section says beside the figures.
 */
export async function startRsyslog(options: {
  workDir: string;
  containersDir: string;
  engine: URL;
  index: string;
}): Promise<{ pid: number; stop(): Promise<void> }> {
  mkdirSync(options.workDir, { recursive: true });
  const config = join(options.workDir, 'rsyslog.conf');
  writeFileSync(
    config,
    `global(workDirectory="${options.workDir}" maxMessageSize="64k")
module(load="imfile" mode="inotify")
module(load="omelasticsearch")
template(name="doc" type="list" option.jsonf="on") {
  property(outname="@timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="log" name="msg" format="jsonf")
  property(outname="file" name="$!metadata!filename" format="jsonf")
}
input(type="imfile" file="${options.containersDir}/*.log" tag="kube" addMetadata="on" freshStartTail="off"
      readMode="0" persistStateInterval="1000")
action(type="omelasticsearch" server="${options.engine.hostname}" serverport="${options.engine.port}"
       template="doc" searchIndex="${options.index}" bulkmode="on" maxbytes="2m" esVersion.major="8"
       queue.type="linkedlist" queue.size="100000" queue.dequeueBatchSize="2000"
       action.resumeRetryCount="-1")
`,
  );
  const pidFile = join(options.workDir, 'rsyslogd.pid');
  const child: ChildProcess = spawn('rsyslogd', ['-n', '-f', config, '-i', pidFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = once(child, 'exit');
  const deadline = Date.now() + 10_000;
  while (child.exitCode === null) {
    try {
      if (readFileSync(pidFile, 'utf8').trim()) break;
    } catch {
      // not written yet
    }
    if (Date.now() > deadline) throw new Error('rsyslogd did not start in 10 s');
    await sleep(100);
  }
  if (child.exitCode !== null) throw new Error(`rsyslogd exited with ${child.exitCode}; config ${config}`);
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
