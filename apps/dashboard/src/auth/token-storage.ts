// The bearer token lives in sessionStorage: it survives reloads of this tab, and is gone when the tab closes.
const KEY = 'kubenest.token';

export function loadToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
