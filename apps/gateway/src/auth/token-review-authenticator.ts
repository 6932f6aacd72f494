import type { ApiserverConnection } from '../upstream/apiserver-connection.js';

export interface AuthenticatedUser {
  username: string;
  uid?: string;
  groups?: string[];
}

export type TokenVerdict = { ok: true; user: AuthenticatedUser } | { ok: false; reason: string };

interface TokenReviewReply {
  status?: { authenticated?: boolean; user?: AuthenticatedUser; error?: string };
}

/** Entries kept at most; the oldest go first (a flood of random tokens cannot grow memory). */
const MAX_ENTRIES = 10_000;

/**
 * Checks bearer tokens with the apiserver's TokenReview (as a kubelet's webhook
 * authentication does) and remembers each answer for `cacheMs`, so a reconnect storm costs
 * the apiserver one review per token, not one per socket. Rejections are cached as well.
 */
export class TokenReviewAuthenticator {
  private readonly cache = new Map<string, { verdict: TokenVerdict; until: number }>();
  private readonly inFlight = new Map<string, Promise<TokenVerdict>>();

  constructor(
    private readonly apiserver: ApiserverConnection,
    private readonly cacheMs: number,
  ) {}

  async authenticate(token: unknown): Promise<TokenVerdict> {
    if (typeof token !== 'string' || token.trim() === '')
      return { ok: false, reason: 'no bearer token: connect with auth: { token }' };
    const cached = this.cache.get(token);
    if (cached && cached.until > Date.now()) return cached.verdict;
    let pending = this.inFlight.get(token);
    if (!pending) {
      pending = this.review(token).finally(() => this.inFlight.delete(token));
      this.inFlight.set(token, pending);
    }
    return pending;
  }

  private async review(token: string): Promise<TokenVerdict> {
    const reply = await this.apiserver.json<TokenReviewReply>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/tokenreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } },
    });
    const status = reply.status ?? {};
    const verdict: TokenVerdict =
      status.authenticated && status.user
        ? { ok: true, user: status.user }
        : { ok: false, reason: status.error || 'the token was not accepted by the apiserver' };
    this.cache.delete(token);
    this.cache.set(token, { verdict, until: Date.now() + this.cacheMs });
    if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return verdict;
  }
}
