/**
 * The process runtime's shim (conmon's role): started detached by ProcessRuntime, it runs one
 * container process, writes its output in Docker's json-file format and its exit code to
 * exit.json. Because the shim, not the agent, holds the output pipes and waits for the
 * process, containers keep running and their exit is recorded across agent restarts.
 * argv[2] is a JSON ShimSpec.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { JsonFileLogWriter } from '../logs/json-file-log-writer.js';
import { processStartTime } from './process-start-time.js';
import { ProcessFiles } from './process-files.js';
import type { ExitRecord, StartedRecord } from './shim-records.js';
import type { ShimSpec } from './shim-spec.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as ShimSpec;
const log = new JsonFileLogWriter(spec.logPath);
const finish = (record: ExitRecord) => ProcessFiles.writeJson(ProcessFiles.exit(spec.dir), record);

// Its own process group, so that stop signals reach everything the container started.
const child = spawn(spec.argv[0] ?? '', spec.argv.slice(1), {
  cwd: spec.cwd,
  env: spec.env,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.once('error', (error) => {
  finish({ exitCode: 128, finishedAt: new Date().toISOString(), error: error.message });
  process.exit(0);
});
child.once('spawn', () => {
  const pid = child.pid ?? 0;
  const started: StartedRecord = {
    pid,
    pidStartTime: processStartTime(pid) ?? '',
    startedAt: new Date().toISOString(),
  };
  ProcessFiles.writeJson(ProcessFiles.started(spec.dir), started);
  const output = Promise.all([log.attach(child.stdout, 'stdout'), log.attach(child.stderr, 'stderr')]);
  child.once('exit', (code, signal) => {
    // Docker's convention: killed by a signal means 128 + the signal's number.
    const exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
    void output.then(() => finish({ exitCode, finishedAt: new Date().toISOString() }));
  });
});
