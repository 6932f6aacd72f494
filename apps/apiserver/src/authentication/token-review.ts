import { ApiError } from '#api';
import type { TokenAuthenticator } from '../security/index.js';

interface TokenReviewBody {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  spec?: { token?: unknown; audiences?: unknown };
}

/**
 * authentication.k8s.io/v1 TokenReview: answers whether a bearer token is valid and whose it
 * is, without storing anything. Node agents use it (as kubelets use webhook authentication)
 * to check the token the apiserver presents when it proxies logs, exec and port-forward.
 */
export class TokenReviewer {
  constructor(private readonly authenticator: TokenAuthenticator) {}

  review(body: unknown): Record<string, unknown> {
    const review = (body ?? {}) as TokenReviewBody;
    const token = review.spec?.token;
    if (typeof token !== 'string' || token === '') {
      throw ApiError.invalid({ kind: 'tokenreviews', kindName: 'TokenReview', group: 'authentication.k8s.io' }, [
        { field: 'spec.token', type: 'FieldValueRequired', message: 'Required value' },
      ]);
    }
    const user = this.authenticator.authenticate(`Bearer ${token}`);
    return {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      metadata: { creationTimestamp: null },
      // The token itself is not echoed back: answers end up in logs more easily than requests.
      spec: {},
      status: user
        ? { authenticated: true, user: { username: user.username, uid: user.uid, groups: user.groups } }
        : { authenticated: false, error: 'invalid bearer token' },
    };
  }
}
