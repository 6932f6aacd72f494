// Child process of the tls benchmark: one HTTPS server on 127.0.0.1 with the certificate and
// key named on its command line. A separate process, as the apiserver is, so that its
// handshake work runs on its own event loop and its CPU time can be read on its own.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ServerStats {
  /** process.cpuUsage() user + system, microseconds. */
  cpuMicros: number;
  /** Completed handshakes ('secureConnection') since start. */
  handshakes: number;
}

const [certPath, keyPath] = process.argv.slice(2);
let handshakes = 0;
const server = createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, (_req, res) => res.end('ok'));
server.on('secureConnection', () => handshakes++);
// The client hangs up right after its handshake; the resets that follow are expected.
server.on('tlsClientError', () => undefined);
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));

process.on('message', (message) => {
  if (message === 'stats') {
    const cpu = process.cpuUsage();
    process.send!({ cpuMicros: cpu.user + cpu.system, handshakes } satisfies ServerStats);
  } else if (message === 'stop') {
    server.close();
    server.closeAllConnections();
    process.disconnect();
  }
});
