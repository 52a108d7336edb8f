// REST calls to the Backend API, with the platform's token.

import type { DashboardConfig } from './types';

const TOKEN_KEY = 'nautilus.token';

/**
 * The token the page was opened with (`/?token=…`, as `nautilus up` prints it), kept for this tab's
 * session and taken out of the address bar so that it does not linger in history or get shared with
 * a screenshot of the URL.
 */
export function sessionToken(): string | null {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (given) {
    sessionStorage.setItem(TOKEN_KEY, given);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export class Api {
  constructor(private readonly base: string, private readonly token: string | null) {}

  static async connect(token: string | null): Promise<{ api: Api; config: DashboardConfig }> {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json answered ${response.status}: open the address nautilus up printed, with its ?token=`);
    const config = (await response.json()) as DashboardConfig;
    return { api: new Api(`${location.protocol}//${location.hostname}:${config.apiPort}`, token), config };
  }

  async get<T = any>(path: string): Promise<T> {
    const headers: Record<string, string> = this.token ? { Authorization: `Bearer ${this.token}` } : {};
    const response = await fetch(this.base + path, { cache: 'no-store', headers });
    const body = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body?.error ?? ''}`);
    return body as T;
  }
}
