/** A server event encoded once, as socket.io writes it, so many clients can share the same string. */
export interface OutboundPacket {
  data: string;
  bytes: number;
}

/**
 * A socket.io (protocol v5) EVENT packet for the main namespace: type "2" then the JSON array
 * [event, payload], exactly what `socket.emit(event, payload)` produces. Encoding it here lets
 * a change batch shared by many subscribers be serialised once instead of once per socket.
 */
export function encodeEvent(event: string, payload: unknown): OutboundPacket {
  const data = `2${JSON.stringify([event, payload])}`;
  return { data, bytes: Buffer.byteLength(data) };
}
