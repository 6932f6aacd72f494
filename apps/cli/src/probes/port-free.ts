import { createServer } from 'node:net';

/**
 * Throws when something already listens on host:port. A component's readiness probe on a
 * fixed port would otherwise be answered by whoever holds it (another `kubenest up`).
 */
export async function assertPortFree(port: number, host: string, component: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${host}:${port}, which the ${component} needs, is in use (another kubenest up running?)`)
          : error,
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
