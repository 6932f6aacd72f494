import { webSocketTextFrame } from './websocket-frame.js';

/** What engine.io's `socket.write` takes besides the data. */
export interface EngineWriteOptions {
  compress: false;
  /**
   * The packet inside an engine.io message inside a WebSocket frame: what engine.io's
   * websocket transport would otherwise build for each socket. It writes this as is (the
   * option socket.io's own broadcasts use); other transports encode the data as usual.
   */
  wsPreEncodedFrame: Buffer[];
}

/** A server event encoded once, as socket.io writes it, so many clients can share it. */
export interface OutboundPacket {
  /** The socket.io packet, as engine.io's `socket.write` takes it. */
  data: string;
  /** The same for every socket the packet goes to. */
  options: EngineWriteOptions;
  bytes: number;
}

/**
 * A socket.io (protocol v5) EVENT packet for the main namespace: type "2" then the JSON array
 * [event, payload], exactly what `socket.emit(event, payload)` produces. Encoding it here lets
 * a change batch shared by many subscribers be serialised and framed once instead of once per
 * socket.
 */
export function encodeEvent(event: string, payload: unknown): OutboundPacket {
  const data = `2${JSON.stringify([event, payload])}`;
  // "4": the engine.io message packet type, which the transport would prefix.
  const message = Buffer.from(`4${data}`);
  return {
    data,
    options: { compress: false, wsPreEncodedFrame: [webSocketTextFrame(message)] },
    bytes: message.length - 1,
  };
}
