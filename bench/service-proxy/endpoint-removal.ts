import { request } from 'node:http';
import type { Endpoints, KubeObject } from '#api';
import type { ApiClient } from '#client';
import { resourceType } from '../support/hollow.js';

export interface Backend {
  name: string;
  ip: string;
}

/**
 * How long after an Endpoints write that drops one backend the node port stops sending it
 * connections: from the write's response to the first of `streak` consecutive answers that
 * all come from other backends (with round robin over the rest, the dropped one would show up
 * within that many). Each trial drops another backend and then puts it back.
 */
export async function measureEndpointRemoval(
  client: ApiClient,
  nodePort: number,
  backends: Backend[],
  trials: number,
  streak = backends.length,
): Promise<number[]> {
  const samples: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const dropped = backends[trial % backends.length];
    await writeEndpoints(
      client,
      backends.filter((b) => b !== dropped),
    );
    const written = performance.now();
    let streakStart: number | undefined;
    let clean = 0;
    while (clean < streak) {
      if (performance.now() - written > 30_000) throw new Error(`${dropped.name} still answered after 30 s`);
      const at = performance.now();
      const body = await get(nodePort);
      if (body.includes(dropped.name)) {
        clean = 0;
        streakStart = undefined;
      } else {
        streakStart ??= at;
        clean++;
      }
    }
    samples.push(streakStart! - written);
    await writeEndpoints(client, backends);
    await waitUntilAnswering(nodePort, dropped.name);
  }
  return samples;
}

export async function writeEndpoints(client: ApiClient, backends: Backend[]): Promise<void> {
  const body = {
    subsets: [
      { addresses: backends.map((b) => ({ ip: b.ip })), ports: [{ name: 'http', port: 3000, protocol: 'TCP' }] },
    ],
  };
  await client.patch<Endpoints & KubeObject>(resourceType('endpoints'), 'default', 'backend', body, 'merge');
}

async function waitUntilAnswering(nodePort: number, name: string): Promise<void> {
  for (let i = 0; i < 1_000; i++) if ((await get(nodePort)).includes(name)) return;
  throw new Error(`${name} did not come back into the rotation`);
}

function get(port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
      res.on('error', () => resolve(''));
    });
    req.on('error', () => resolve(''));
    req.end();
  });
}
