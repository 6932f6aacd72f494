/**
 * What the connection indicator says:
 * - connecting: the first handshake is under way;
 * - live: connected, every subscription is receiving changes;
 * - reconnecting: the socket dropped and socket.io is retrying; what is shown was current moments ago;
 * - stale: retrying for longer than STALE_AFTER_MS: what is shown may be out of date;
 * - unauthorized: the gateway refused the token (the app returns to the login form).
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stale' | 'unauthorized';

export const STALE_AFTER_MS = 10_000;
