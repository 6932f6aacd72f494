import { request } from 'node:https';
import type { ClusterConnection } from '#client';

interface Review {
  authenticated: boolean;
  groups: string[];
  username?: string;
}

/**
 * Bearer tokens checked with a TokenReview (authentication.k8s.io/v1) POSTed as the agent,
 * results cached for two minutes (the kubelet's webhook cache TTL); only system:masters may
 * use the kubelet API, since logs, exec and port-forward reach into every pod.
 */
export class TokenAuthenticator {
  private readonly cache = new Map<string, { review: Review; expires: number }>();

  constructor(
    private readonly connection: ClusterConnection,
    private readonly ttlMs = 120_000,
  ) {}

  /** undefined when allowed, else the reason to refuse. */
  async check(authorization: string | undefined): Promise<{ code: 401 | 403; message: string } | undefined> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { code: 401, message: 'Unauthorized' };
    const review = await this.review(token);
    if (!review.authenticated) return { code: 401, message: 'Unauthorized' };
    if (!review.groups.includes('system:masters')) {
      return {
        code: 403,
        message: `Forbidden (user=${review.username ?? ''}, verb=get, resource=nodes, subresource=proxy)`,
      };
    }
    return undefined;
  }

  private async review(token: string): Promise<Review> {
    const hit = this.cache.get(token);
    if (hit && hit.expires > Date.now()) return hit.review;
    const body = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
    const answer = await new Promise<{
      status?: { authenticated?: boolean; user?: { username?: string; groups?: string[] } };
    }>((resolve, reject) => {
      const url = new URL('/apis/authentication.k8s.io/v1/tokenreviews', this.connection.server);
      const req = request(
        url,
        {
          method: 'POST',
          ca: this.connection.caPem,
          headers: {
            Authorization: `Bearer ${this.connection.token}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 300) return resolve({});
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const review: Review = {
      authenticated: answer.status?.authenticated === true,
      groups: answer.status?.user?.groups ?? [],
      username: answer.status?.user?.username,
    };
    this.cache.set(token, { review, expires: Date.now() + this.ttlMs });
    return review;
  }
}
