import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files both shippers read: `containers` json-file logs of `lines` lines each, written
 * before either starts (a backlog to catch up with), linked the way the node agent links them:
 * <dir>/log/containers/<pod>_bench_app-<id>.log -> <dir>/docker/<id>-json.log.
 */
export function writeWorkload(
  dir: string,
  containers: number,
  lines: number,
): { containersDir: string; bytes: number } {
  const containersDir = join(dir, 'log', 'containers');
  mkdirSync(containersDir, { recursive: true });
  mkdirSync(join(dir, 'docker'), { recursive: true });
  let bytes = 0;
  const start = Date.UTC(2026, 0, 2, 3, 4, 5);
  for (let c = 0; c < containers; c++) {
    const id = `${String(c).padStart(2, '0')}${'b'.repeat(62)}`;
    const file = join(dir, 'docker', `${id}-json.log`);
    const parts: string[] = [];
    for (let i = 0; i < lines; i++) {
      const time = new Date(start + i).toISOString().replace(
        'Z',
        `${String(c * lines + i)
          .padStart(6, '0')
          .slice(-6)}Z`,
      );
      const log = `${time} INFO [worker-${c}] request ${i} handled: GET /api/orders/${i % 977} 200 ${i % 113}ms\n`;
      parts.push(JSON.stringify({ log, stream: i % 10 === 0 ? 'stderr' : 'stdout', time }));
    }
    const text = `${parts.join('\n')}\n`;
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    symlinkSync(file, join(containersDir, `pod-${c}_bench_app-${id}.log`));
  }
  return { containersDir, bytes };
}
