const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text the engine can store: invalid UTF-8 bytes are already U+FFFD after decoding, but a JSON
 * "\ud800" escape still yields a lone surrogate, which has no UTF-8 form; replace those too.
 */
export function wellFormedText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
