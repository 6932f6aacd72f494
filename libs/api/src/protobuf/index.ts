export * from './protobuf-content-type.js';
export * from './decode-protobuf-body.js';
