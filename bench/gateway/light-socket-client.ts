import WebSocket from 'ws';

/**
 * A socket.io client cut down to what the gateway benchmark needs, so that a thousand of them
 * cost little CPU next to the gateway they load. It speaks the real protocol, as
 * socket.io-client 4 does over the websocket transport: engine.io v4 packets, one per
 * WebSocket text message, typed by their first character ("0" open, "2" ping -> answered "3",
 * "4" message), and socket.io v5 packets inside "4" messages ("0" CONNECT with the auth object,
 * "2" EVENT, "3" ACK, each followed by an optional ack id and JSON). What it skips is decoding
 * events: each EVENT packet is handed over as the raw bytes `42["name",...]`.
 */
export class LightSocketClient {
  private readonly acks = new Map<number, (payload: unknown) => void>();
  private nextAckId = 0;
  private onClose?: (reason: string) => void;

  private constructor(
    private readonly ws: WebSocket,
    private readonly onEvent: (packet: Buffer) => void,
  ) {}

  /** Resolves once the main namespace accepted the handshake; rejects with its CONNECT_ERROR. */
  static connect(
    url: string,
    auth: Record<string, string>,
    onEvent: (packet: Buffer) => void,
    onClose: (reason: string) => void,
  ): Promise<LightSocketClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const client = new LightSocketClient(ws, onEvent);
    return new Promise((resolve, reject) => {
      client.onClose = (reason) => {
        ws.terminate();
        reject(new Error(`not connected: ${reason}`));
      };
      ws.on('error', (error) => client.onClose?.(error.message));
      ws.on('close', (code) => client.onClose?.(`websocket closed (${code})`));
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) return client.onClose?.('unexpected binary message');
        switch (data[0]) {
          case 0x30: // engine.io open: the handshake, then our socket.io CONNECT
            return ws.send(`40${JSON.stringify(auth)}`);
          case 0x32: // engine.io ping
            return ws.send('3');
          case 0x34: // engine.io message carrying a socket.io packet
            return client.packet(data, () => {
              client.onClose = onClose;
              resolve(client);
            });
        }
      });
    });
  }

  /** An event with an acknowledgement (`emitWithAck`): `42<id>["event",payload]`, answered `43<id>[result]`. */
  request<T>(event: string, payload: unknown): Promise<T> {
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      this.acks.set(id, (result) => resolve(result as T));
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.onClose = undefined;
    this.ws.close();
  }

  private packet(data: Buffer, connected: () => void): void {
    switch (data[1]) {
      case 0x30: // CONNECT answered with the session id
        return connected();
      case 0x34: // CONNECT_ERROR
        return this.onClose?.(`connect_error ${data.toString('utf8', 2)}`);
      case 0x31: // DISCONNECT
        return this.onClose?.('disconnected by the server');
      case 0x32: // EVENT
        return this.onEvent(data);
      case 0x33: {
        // ACK: the id's digits, then a JSON array of the handler's arguments
        const text = data.toString('utf8', 2);
        const json = text.indexOf('[');
        const id = Number(text.slice(0, json));
        const ack = this.acks.get(id);
        this.acks.delete(id);
        ack?.((JSON.parse(text.slice(json)) as unknown[])[0]);
      }
    }
  }
}
