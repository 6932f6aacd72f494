import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { Duplex, PassThrough } from 'node:stream';
import type { ContainerRuntime } from '#runtime';
import { servePortForwardOverSpdy } from './spdy-port-forward.js';
import { encodeFrame, encodeHeaderBlock, FLAG_FIN, FrameParser, type Frame } from './spdy/frames.js';
import { HeaderCompressor } from './spdy/header-compression.js';

/** Two cross-wired duplexes: what one writes the other reads. */
function pipePair(): [Duplex, Duplex] {
  const aToB = new PassThrough();
  const bToA = new PassThrough();
  return [Duplex.from({ writable: aToB, readable: bToA }), Duplex.from({ writable: bToA, readable: aToB })];
}

/** A minimal SPDY client, as kubectl's spdystream behaves: opens stream pairs, collects frames. */
class Client {
  readonly frames: Frame[] = [];
  private readonly compressor = new HeaderCompressor();
  private readonly parser = new FrameParser();
  private nextId = 1;
  constructor(private readonly transport: Duplex) {
    transport.on('data', (chunk: Buffer) => this.frames.push(...this.parser.push(chunk)));
  }
  async open(headers: Record<string, string>, fin = false): Promise<number> {
    const streamId = this.nextId;
    this.nextId += 2;
    const headerBlock = await this.compressor.compress(encodeHeaderBlock(headers));
    this.send({
      type: 'syn_stream',
      streamId,
      associatedStreamId: 0,
      priority: 0,
      flags: fin ? FLAG_FIN : 0,
      headerBlock,
    });
    return streamId;
  }
  send(frame: Frame): void {
    this.transport.write(encodeFrame(frame));
  }
  received(streamId: number): { data: string; fin: boolean } {
    const frames = this.frames.filter((f) => f.type === 'data' && f.streamId === streamId);
    return {
      data: Buffer.concat(frames.map((f) => (f.type === 'data' ? f.data : Buffer.alloc(0)))).toString(),
      fin: frames.some((f) => f.type === 'data' && (f.flags & FLAG_FIN) !== 0),
    };
  }
  async until(condition: () => boolean): Promise<void> {
    while (!condition()) await once(this.transport, 'data');
  }
}

describe('port-forward over SPDY', () => {
  let echo: Server;
  let port: number;
  const runtime = {
    portForward: (_sandbox: string, target: number) =>
      new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: target }, () => resolve(socket));
        socket.once('error', reject);
      }),
  } as unknown as ContainerRuntime;

  before(async () => {
    // Answers each connection with "echo:" + what it got, once the client half-closes.
    echo = createServer({ allowHalfOpen: true }, (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => socket.end(`echo:${Buffer.concat(chunks).toString()}`));
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    port = (echo.address() as AddressInfo).port;
  });
  after(() => echo.close());

  it('replies to each stream, forwards data both ways per request id, and closes both streams', async () => {
    const [server, clientEnd] = pipePair();
    servePortForwardOverSpdy(server, runtime, 'sandbox', 'pod-a');
    const client = new Client(clientEnd);
    // Two interleaved forwarded connections, as concurrent local connections produce.
    const error1 = await client.open({ streamtype: 'error', port: String(port), requestid: '0' }, true);
    const error2 = await client.open({ streamtype: 'error', port: String(port), requestid: '1' }, true);
    const data2 = await client.open({ streamtype: 'data', port: String(port), requestid: '1' });
    const data1 = await client.open({ streamtype: 'data', port: String(port), requestid: '0' });
    client.send({ type: 'data', streamId: data1, flags: FLAG_FIN, data: Buffer.from('one') });
    client.send({ type: 'data', streamId: data2, flags: FLAG_FIN, data: Buffer.from('two') });
    await client.until(() => [data1, data2, error1, error2].every((id) => client.received(id).fin));
    const replies = client.frames
      .filter((f) => f.type === 'syn_reply')
      .map((f) => (f.type === 'syn_reply' ? f.streamId : 0));
    assert.deepEqual(replies, [error1, error2, data2, data1]);
    assert.deepEqual(client.received(data1), { data: 'echo:one', fin: true });
    assert.deepEqual(client.received(data2), { data: 'echo:two', fin: true });
    assert.deepEqual(client.received(error1), { data: '', fin: true });
  });

  it('reports a refused port on the error stream', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const refusedPort = (closed.address() as AddressInfo).port;
    closed.close();
    const [server, clientEnd] = pipePair();
    servePortForwardOverSpdy(server, runtime, 'sandbox', 'pod-a');
    const client = new Client(clientEnd);
    const error = await client.open({ streamtype: 'error', port: String(refusedPort), requestid: '0' }, true);
    const data = await client.open({ streamtype: 'data', port: String(refusedPort), requestid: '0' });
    await client.until(() => client.received(error).fin && client.received(data).fin);
    assert.match(
      client.received(error).data,
      new RegExp(`^error forwarding port ${refusedPort} to pod pod-a: .*ECONNREFUSED`),
    );
  });

  it('echoes client pings and resets a stream of unknown type', async () => {
    const [server, clientEnd] = pipePair();
    servePortForwardOverSpdy(server, runtime, 'sandbox', 'pod-a');
    const client = new Client(clientEnd);
    client.send({ type: 'ping', id: 1 });
    const odd = await client.open({ streamtype: 'resize' });
    await client.until(() => client.frames.some((f) => f.type === 'rst_stream'));
    await client.until(() => client.frames.some((f) => f.type === 'ping'));
    assert.ok(client.frames.some((f) => f.type === 'ping' && f.id === 1));
    assert.ok(client.frames.some((f) => f.type === 'rst_stream' && f.streamId === odd));
  });
});
