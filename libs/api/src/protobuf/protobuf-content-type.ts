/** The media type client-go's typed clients send request bodies in. */
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
