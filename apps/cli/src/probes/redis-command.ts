import { createConnection } from 'node:net';

/**
 * Sends one command to Redis over its unix socket and returns the first line of the reply
 * ("+PONG", "-ERR ..."), or undefined when Redis closes the connection without replying,
 * which is what a successful SHUTDOWN does. Raw RESP keeps the supervisor free of a client
 * library and its reconnect logic, which would only get in the way of a yes/no probe.
 */
export function redisCommand(socketPath: string, args: string[], timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let reply = '';
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`no reply from Redis on ${socketPath} within ${timeoutMs} ms`)),
    );
    socket.on('connect', () => {
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
    });
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end >= 0) {
        socket.end();
        resolve(reply.slice(0, end));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(undefined));
  });
}

export async function redisAnswersPing(socketPath: string): Promise<boolean> {
  return (await redisCommand(socketPath, ['PING']).catch(() => undefined)) === '+PONG';
}
