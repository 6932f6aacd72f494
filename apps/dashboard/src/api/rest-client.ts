/** A Kubernetes API call that failed, with the Status the server answered. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export type PatchType = 'json' | 'merge' | 'strategic';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/**
 * Kubernetes REST calls through the gateway's /api and /apis proxy, from the same origin, with
 * the user's bearer token. A 401 means the token is no longer accepted: `onUnauthorized` sends
 * the user back to the login form.
 */
export class RestClient {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: (reason: string) => void,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body, 'application/json');
  }

  patch<T>(path: string, type: PatchType, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body, PATCH_CONTENT_TYPES[type]);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  private async request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (contentType) headers['Content-Type'] = contentType;
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiRequestError(0, 'NetworkError', `the gateway did not answer: ${(error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok) return parsed as T;
    const status = (parsed ?? {}) as { message?: string; reason?: string };
    const message = status.message || `${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`.trim();
    if (response.status === 401) this.onUnauthorized(message);
    throw new ApiRequestError(response.status, status.reason ?? String(response.status), message);
  }
}
