// Alerts: a banner for the urgent ones (flash crash in red, margin call in amber) and a list of all.

import type { Alert } from './types';
import { num, timeOfSeconds } from './format';

const BANNER_KINDS = new Set(['flash_crash', 'margin_call']);
const BANNER_MS = 30000;
const LIST_MAX = 50;

export class AlertBoard {
  private readonly seen = new Set<string>();

  constructor(private readonly banner: HTMLElement, private readonly list: HTMLElement) {}

  /** Shows an alert once, whether it came over the WebSocket or from the API. */
  show(alert: Alert, fresh: boolean): void {
    const key = alert.event.id || `${alert.event.topic}@${alert.event.timestamp}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const text = describe(alert);
    const item = document.createElement('li');
    item.className = `alert-item ${cssKind(alert.kind)}`;
    item.textContent = `${timeOfSeconds(alert.event.timestamp)} ${text}`;
    this.list.prepend(item);
    while (this.list.children.length > LIST_MAX) this.list.lastElementChild?.remove();
    if (fresh && BANNER_KINDS.has(alert.kind)) {
      const bar = document.createElement('div');
      bar.className = `alert ${cssKind(alert.kind)}`;
      bar.dataset.alertId = key;
      bar.textContent = text;
      this.banner.prepend(bar);
      window.setTimeout(() => bar.remove(), BANNER_MS);
    }
  }
}

function cssKind(kind: string): string {
  return kind.replace(/_/g, '-');
}

function describe(alert: Alert): string {
  const p = alert.event.payload ?? {};
  switch (alert.kind) {
    case 'flash_crash':
      return `FLASH CRASH ${p.instrument ?? ''}: ${num((p.drop ?? 0) * 100, 1)}% drop to ${num(p.price)} (high ${num(p.windowHigh)})`;
    case 'margin_call':
      return `MARGIN CALL: equity ${num(p.equity)} below maintenance ${num(p.maintenanceMargin)}, due ${num(p.amountDue)}`;
    case 'toxicity':
      return `Toxic flow ${p.instrument ?? ''}: VPIN ${num(p.vpin, 3)} (CDF ${num(p.cdf, 3)})`;
    default:
      return `${alert.kind}: ${p.message ?? alert.event.topic}`;
  }
}
