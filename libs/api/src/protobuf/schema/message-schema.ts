export const SCALAR_TYPES = ['string', 'bool', 'int32', 'int64', 'bytes', 'double'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];

export const WELL_KNOWN_TYPES = [
  'Time',
  'MicroTime',
  'Duration',
  'IntOrString',
  'Quantity',
  'FieldsV1',
  'RawExtension',
] as const;
export type WellKnownType = (typeof WELL_KNOWN_TYPES)[number];

/** One field of a message, compiled from the tables (see message-table.ts). */
export interface FieldSchema {
  readonly jsonName: string;
  readonly number: number;
  /** For a map field, the type of its values. */
  readonly type: ScalarType | WellKnownType | MessageSchema;
  readonly repeated: boolean;
  readonly map: boolean;
  readonly keepZero: boolean;
  readonly inline: boolean;
}

export interface MessageSchema {
  readonly name: string;
  readonly fields: ReadonlyMap<number, FieldSchema>;
}
