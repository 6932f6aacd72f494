import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type Packet } from 'dns-packet';
import type { Logger } from 'pino';
import { clusterAnswer, Rcode, type ClusterRecord, type ServiceLookup } from './cluster-records.js';

export interface DnsServerOptions {
  address: string;
  port: number;
  domain: string;
  lookup: ServiceLookup;
  /** Resolvers (ip or ip:port) that names outside the cluster domain go to; none: REFUSED. */
  upstream: string[];
  logger: Logger;
}

/** Seconds clients may cache an answer; CoreDNS's kubernetes plugin uses 5 too. */
const TTL = 5;
const UPSTREAM_TIMEOUT_MS = 2_000;

/**
 * The cluster DNS of one node, over UDP and TCP (RFC 7766 length-prefixed), answering the
 * cluster domain from the watched Services and Endpoints and forwarding other names.
 */
export class DnsServer {
  private udp?: UdpSocket;
  private tcp?: Server;
  private readonly tcpClients = new Set<Socket>();

  constructor(private readonly options: DnsServerOptions) {}

  async start(): Promise<void> {
    const { address, port } = this.options;
    const udp = createSocket('udp4');
    udp.on('message', (message, remote) => {
      this.respond(message)
        .then((reply) => reply && udp.send(truncateForUdp(reply), remote.port, remote.address))
        .catch((err: unknown) => this.options.logger.warn({ err }, 'dns: query failed'));
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, address, () => resolve());
    });
    this.udp = udp;
    const tcp = createServer({ allowHalfOpen: true }, (socket) => this.serveTcp(socket));
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(port, address, () => resolve());
    });
    this.tcp = tcp;
  }

  stop(): void {
    this.udp?.close();
    this.tcp?.close();
    for (const socket of this.tcpClients) socket.destroy();
  }

  /** RFC 7766: several length-prefixed queries per connection; a client's half-close ends it once all are answered. */
  private serveTcp(socket: Socket): void {
    this.tcpClients.add(socket);
    socket.on('close', () => this.tcpClients.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    let pending = 0;
    let ended = false;
    const finishIfDone = () => {
      if (ended && pending === 0) socket.end();
    };
    socket.on('end', () => {
      ended = true;
      finishIfDone();
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const length = buffered.readUInt16BE(0);
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        pending++;
        this.respond(message)
          .then((reply) => {
            if (!reply || socket.destroyed) return;
            const prefix = Buffer.alloc(2);
            prefix.writeUInt16BE(reply.length);
            socket.write(Buffer.concat([prefix, reply]));
          })
          .catch((err: unknown) => this.options.logger.warn({ err }, 'dns: query failed'))
          .finally(() => {
            pending--;
            finishIfDone();
          });
      }
    });
  }

  /** The encoded reply to one query message, or undefined for something that is not a query. */
  private async respond(message: Buffer): Promise<Buffer | undefined> {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return undefined;
    }
    if (query.type !== 'query') return undefined;
    const question = query.questions?.[0];
    if (!question) return reply(query, Rcode.serverFailure, []);
    const answer = clusterAnswer(this.options.lookup, this.options.domain, question.name, question.type);
    if (answer) return reply(query, answer.rcode, answer.answers, answer.additionals, true);
    if (this.options.upstream.length === 0) return reply(query, Rcode.refused, []);
    return (await this.forward(message)) ?? reply(query, Rcode.serverFailure, []);
  }

  /** The first upstream's answer, relayed as it is (same id, same flags). */
  private async forward(message: Buffer): Promise<Buffer | undefined> {
    for (const upstream of this.options.upstream) {
      const [host, port = '53'] = upstream.split(':');
      const answer = await new Promise<Buffer | undefined>((resolve) => {
        const socket = createSocket('udp4');
        const timer = setTimeout(() => done(undefined), UPSTREAM_TIMEOUT_MS);
        const done = (value: Buffer | undefined) => {
          clearTimeout(timer);
          socket.close();
          resolve(value);
        };
        socket.on('message', (data) => done(data));
        socket.on('error', () => done(undefined));
        socket.send(message, Number(port), host);
      });
      if (answer) return answer;
    }
    return undefined;
  }
}

function reply(
  query: DecodedPacket,
  rcode: number,
  answers: ClusterRecord[],
  additionals: ClusterRecord[] = [],
  authoritative = false,
): Buffer {
  const flags =
    (authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) |
    (query.flag_rd ? dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE : 0) |
    rcode;
  const packet: Packet = {
    type: 'response',
    id: query.id,
    flags,
    questions: query.questions,
    answers: answers.map(toAnswer),
    additionals: additionals.map(toAnswer),
  };
  return dnsPacket.encode(packet);
}

function toAnswer(record: ClusterRecord): Answer {
  return { ...record, class: 'IN', ttl: TTL } as Answer;
}

/** UDP replies stay within 512 bytes (no EDNS here): a larger one goes out truncated, the client retries on TCP. */
function truncateForUdp(reply: Buffer): Buffer {
  if (reply.length <= 512) return reply;
  const packet = dnsPacket.decode(reply);
  return dnsPacket.encode({
    ...packet,
    flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
    answers: [],
    additionals: [],
  });
}
