import { spawn } from 'node:child_process';

/**
 * Runs iproute2's `ip` (optionally inside the network namespace of `netnsPid`, through
 * nsenter) with `-batch -`: several changes for one process start. Resolves with stdout;
 * rejects with ip's own message when any line fails.
 */
export function runIp(lines: string[], options: { netnsPid?: number; args?: string[] } = {}): Promise<string> {
  const ipArgs = [...(options.args ?? []), '-batch', '-'];
  const [command, args] =
    options.netnsPid === undefined
      ? ['ip', ipArgs]
      : ['nsenter', ['--target', String(options.netnsPid), '--net', 'ip', ...ipArgs]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim() || stdout.trim()}`));
    });
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}
