// The WebSocket client: subscribes to topic patterns, reconnects with back-off, pings to keep the
// connection honest, and hands every message frame to the listener.

import type { WsFrame } from './types';

export type LiveState = 'connecting' | 'open' | 'closed';

export class LiveFeed {
  private socket: WebSocket | null = null;
  private retryMs = 500;
  private pingTimer: number | undefined;
  dropped = 0;

  constructor(
    private readonly url: string,
    private readonly patterns: string[],
    private readonly onFrame: (frame: WsFrame) => void,
    private readonly onState: (state: LiveState, detail: string) => void,
  ) {}

  start(): void {
    this.onState('connecting', this.url);
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch (e) {
      this.retry(String(e));
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
      socket.send(JSON.stringify({ op: 'subscribe', patterns: this.patterns }));
      this.pingTimer = window.setInterval(() => socket.send(JSON.stringify({ op: 'ping' })), 15000);
      this.onState('open', this.url);
    };
    socket.onmessage = (event) => {
      let frame: WsFrame;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        console.warn('websocket frame is not JSON', event.data);
        return;
      }
      if (frame.type === 'dropped') this.dropped += frame.count ?? 0;
      if (frame.type === 'error') console.warn('websocket error frame', frame.error);
      this.onFrame(frame);
    };
    socket.onclose = () => this.retry('closed');
    socket.onerror = () => socket.close();
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private retry(reason: string): void {
    window.clearInterval(this.pingTimer);
    this.socket = null;
    this.onState('closed', reason);
    window.setTimeout(() => this.start(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 10000);
  }
}
