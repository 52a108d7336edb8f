// REST calls to the Backend API.

import type { DashboardConfig } from './types';

export class Api {
  constructor(private readonly base: string) {}

  static async connect(): Promise<{ api: Api; config: DashboardConfig }> {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json answered ${response.status}`);
    const config = (await response.json()) as DashboardConfig;
    return { api: new Api(`${location.protocol}//${location.hostname}:${config.apiPort}`), config };
  }

  async get<T = any>(path: string): Promise<T> {
    const response = await fetch(this.base + path, { cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body?.error ?? ''}`);
    return body as T;
  }
}
