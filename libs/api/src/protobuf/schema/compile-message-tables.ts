import type { MessageTable } from './message-table.js';
import { SCALAR_TYPES, WELL_KNOWN_TYPES, type FieldSchema, type MessageSchema } from './message-schema.js';

const FIELD_PATTERN = /^(\w+)=(\d+)(?::(?:map<(\w+)>|(\w+)))?(\[\])?([!^])?$/;
const PRIMITIVES: ReadonlySet<string> = new Set([...SCALAR_TYPES, ...WELL_KNOWN_TYPES]);

/**
 * Compiles the message tables into linked schemas. Fails loudly on a typo, an unknown type or
 * a reference cycle: acyclic schemas are what bound the decoder's recursion on hostile input.
 */
export function compileMessageTables(...tables: MessageTable[]): ReadonlyMap<string, MessageSchema> {
  const entries = tables.flatMap((table) => Object.entries(table));
  const schemas = new Map<string, { name: string; fields: Map<number, FieldSchema> }>();
  for (const [name] of entries) {
    if (schemas.has(name)) throw new Error(`protobuf schema: message ${name} described twice`);
    schemas.set(name, { name, fields: new Map() });
  }
  for (const [name, description] of entries) {
    const fields = schemas.get(name)!.fields;
    for (const token of description.split(/\s+/).filter(Boolean)) {
      const match = FIELD_PATTERN.exec(token);
      if (!match) throw new Error(`protobuf schema: ${name}: cannot parse field '${token}'`);
      const [, jsonName, number, mapValue, plainType, repeated, flag] = match;
      const typeName = mapValue ?? plainType ?? 'string';
      const type = PRIMITIVES.has(typeName) ? (typeName as FieldSchema['type']) : schemas.get(typeName);
      if (type === undefined) throw new Error(`protobuf schema: ${name}.${jsonName}: unknown type ${typeName}`);
      if (fields.has(Number(number))) throw new Error(`protobuf schema: ${name}: field number ${number} used twice`);
      fields.set(Number(number), {
        jsonName,
        number: Number(number),
        type,
        repeated: repeated !== undefined,
        map: mapValue !== undefined,
        keepZero: flag === '!',
        inline: flag === '^',
      });
    }
  }
  for (const schema of schemas.values()) assertAcyclic(schema, []);
  return schemas;
}

function assertAcyclic(schema: MessageSchema, path: string[]): void {
  if (path.includes(schema.name)) throw new Error(`protobuf schema: cycle ${[...path, schema.name].join(' -> ')}`);
  for (const field of schema.fields.values()) {
    if (typeof field.type !== 'string') assertAcyclic(field.type, [...path, schema.name]);
  }
}
