import { malformed } from '../malformed.js';

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export function expectWireType(what: string, actual: number, expected: WireType): void {
  if (actual !== expected) throw malformed(`${what}: wire type ${actual}, expected ${expected}`);
}
