/**
 * Protobuf messages described one per entry, as a space-separated list of fields:
 *
 *   jsonName=fieldNumber[:type][[]][!|^]
 *
 * - type: string (the default), bool, int32, int64, bytes, double, the name of another message
 *   in the tables, a well-known type (Time, MicroTime, Duration, IntOrString, Quantity,
 *   FieldsV1, RawExtension), or map<valueType> for Kubernetes' map<string, valueType>;
 * - `[]` repeated;
 * - `!` keep the zero value: the Go field is a pointer (proto2 presence: replicas=0 is
 *   meaningful) or has no omitempty. Without it a zero scalar is dropped, because gogo-protobuf
 *   writes every non-pointer field (name: "", hostPort: 0) where the JSON encoding omits it,
 *   and defaulting must still see those fields as unset;
 * - `^` the message is inlined into its parent in JSON (Go embedded struct: Volume's
 *   VolumeSource, Probe's ProbeHandler, the LocalObjectReference of a configMap reference).
 *
 * Field numbers and pointer-ness follow Kubernetes' generated.proto and types.go; only the
 * messages reachable from the kinds kubenest serves are described, and within volumes only
 * the sources kubenest can run. Unknown fields are skipped, as any protobuf decoder does.
 */
export type MessageTable = Readonly<Record<string, string>>;
