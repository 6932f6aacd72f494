import type { AggregatedDiscoveryVersion } from './discovery-types.js';
import { acceptsPlainJson, parseAccept } from './media-type.js';

export type DiscoveryFormat = { aggregated: AggregatedDiscoveryVersion } | { aggregated: false };

export const LEGACY_DISCOVERY_CONTENT_TYPE = 'application/json';

/**
 * The Content-Type of an aggregated answer. client-go (discovery_client.go, ContentTypeIsGVK)
 * only parses the body as APIGroupDiscoveryList when the response carries g, v and as;
 * otherwise it falls back to the legacy APIGroupList and one request per group version.
 */
export function aggregatedContentType(version: AggregatedDiscoveryVersion): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

/**
 * Picks the /api or /apis form from Accept. kubectl 1.32 sends v2, then v2beta1, then plain
 * JSON; the first clause we can serve wins. undefined means nothing acceptable (answer 406).
 * The "profile=nopeer" variant is served like v2: a single kubenest apiserver has no peers.
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat | undefined {
  for (const range of parseAccept(accept)) {
    const { g, v, as } = range.params;
    if (
      range.type === 'application' &&
      range.subtype === 'json' &&
      g === 'apidiscovery.k8s.io' &&
      as === 'APIGroupDiscoveryList'
    ) {
      if (v === 'v2' || v === 'v2beta1') return { aggregated: v };
      continue;
    }
    if (acceptsPlainJson(range) && g === undefined) return { aggregated: false };
  }
  return undefined;
}
