// The table and card panels, each redrawn from one API answer.

import type { BusEvent } from './types';
import { el, int, num, row, timeOfMicros } from './format';

const BUS_KEYS: Record<string, string> = { MARKETDATA: 'marketdata', ENGINE_LOGIC: 'engine_logic' };
const BUS_NAMES: Record<string, string> = { marketdata: 'MarketData bus', engine_logic: 'Engine Logic bus', main: 'main Redis' };

/** One card per bus (and the main Redis when watched): transport counters, and the monitor's Redis figures. */
export function renderBuses(cards: HTMLElement, note: HTMLElement, status: any): void {
  cards.replaceChildren();
  const redisByKey = new Map<string, any>((status.redis ?? []).map((r: any) => [r.bus, r]));
  const keys: string[] = (status.transports ?? []).map((t: any) => BUS_KEYS[t.bus] ?? String(t.bus).toLowerCase());
  for (const key of redisByKey.keys()) if (!keys.includes(key)) keys.push(key);
  for (const key of keys) {
    const transport = (status.transports ?? []).find((t: any) => BUS_KEYS[t.bus] === key);
    const redis = redisByKey.get(key);
    const card = document.createElement('div');
    card.className = 'bus-card';
    card.dataset.bus = key;
    card.appendChild(el('h3', `${BUS_NAMES[key] ?? key} ${transport ? `(${transport.transport})` : '(watched)'}`));
    const dl = document.createElement('dl');
    const add = (label: string, value: string, metric: string) => {
      dl.appendChild(el('dt', label));
      dl.appendChild(el('dd', value, 'metric', metric));
    };
    if (transport) {
      add('published', int(transport.published), 'published');
      add('delivered', int(transport.delivered), 'delivered');
      add('acked', int(transport.acked), 'acked');
      add('queued', int(transport.queued), 'queued');
      add('dead letters', int(transport.deadLettered), 'dead-lettered');
      add('connected', transport.connected ? 'yes' : 'NO', 'connected');
    }
    if (redis) {
      if (!redis.reachable) {
        add('redis', `unreachable: ${redis.error ?? ''}`, 'reachable');
      } else {
        add('CPU %', redis.cpu?.percent == null ? 'measuring' : num(redis.cpu.percent, 1), 'cpu');
        add('clients', int(redis.connected_clients), 'clients');
        add('failed calls', int(redis.failed_calls_total), 'failed-calls');
        const lag = (redis.streams ?? []).flatMap((s: any) => s.groups ?? []).reduce((sum: number, g: any) => sum + (g.lag ?? 0), 0);
        add('group lag', int(lag), 'lag');
        const byEngine = Object.entries(redis.clients_by_engine ?? {}).map(([e, n]) => `${e} ${n}`).join(', ');
        add('clients by engine', byEngine || 'none', 'clients-by-engine');
        const partitions = partitionSummary(redis.partitions ?? []);
        if (partitions) add('partitions', partitions, 'partitions');
      }
    }
    card.appendChild(dl);
    cards.appendChild(card);
  }
  note.textContent = status.note ?? '';
}

/** Per group on this Redis: partitions, how many each owner holds, the highest epoch, rebalances and lag (SPEC §1.9). */
function partitionSummary(partitions: any[]): string {
  const groups = new Map<string, any[]>();
  for (const p of partitions) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return [...groups.entries()].map(([group, ps]) => {
    const owners = new Map<string, number>();
    for (const p of ps) owners.set(p.owner ?? 'unowned', (owners.get(p.owner ?? 'unowned') ?? 0) + 1);
    const held = [...owners.entries()].map(([o, n]) => `${o} ${n}`).join(', ');
    const epoch = Math.max(...ps.map((p) => p.epoch ?? 0));
    const rebalances = ps.reduce((sum, p) => sum + (p.rebalances ?? 0), 0);
    const lag = ps.reduce((sum, p) => sum + (p.lag ?? 0), 0);
    return `${group}: ${ps.length} partitions (${held}), epoch ${int(epoch)}, rebalances ${int(rebalances)}, lag ${int(lag)}`;
  }).join('; ');
}

export function renderEngines(body: HTMLElement, summary: HTMLElement, answer: any): void {
  body.replaceChildren(
    ...answer.engines.map((e: any) => {
      const handled = e.health?.checks?.find((c: any) => String(c.name).startsWith('engine:'))?.data?.messagesHandled;
      return row([e.displayName, String(e.port), el('span', e.status, `status ${e.status === 'UP' ? 'up' : 'down'}`),
        int(handled), e.latencyMs == null ? '–' : String(e.latencyMs)]);
    }),
  );
  summary.textContent = `${answer.up}/${answer.total} up`;
}

export function renderPnl(target: HTMLElement, pnl: any, positions: any): void {
  target.replaceChildren();
  for (const account of pnl.accounts ?? []) {
    const card = document.createElement('div');
    card.className = 'pnl-card';
    card.appendChild(el('h3', `account ${account.account}`));
    const dl = document.createElement('dl');
    const add = (label: string, value: unknown, metric: string, signed = false) => {
      dl.appendChild(el('dt', label));
      const n = Number(value);
      dl.appendChild(el('dd', num(value), `metric ${signed ? (n >= 0 ? 'gain' : 'loss') : ''}`, metric));
    };
    add('equity', account.equity, 'equity');
    add('cash', account.cash, 'cash');
    add('realised', account.realised, 'realised', true);
    add('unrealised', account.unrealised, 'unrealised', true);
    add('fees', account.fees, 'fees');
    dl.appendChild(el('dt', 'fills / rejected'));
    dl.appendChild(el('dd', `${int(account.fills)} / ${int(account.rejections)}`, 'metric', 'fills'));
    const held = (positions.accounts ?? []).find((p: any) => p.account === account.account);
    for (const [instrument, quantity] of Object.entries(held?.positions ?? {})) {
      dl.appendChild(el('dt', `position ${instrument}`));
      dl.appendChild(el('dd', `${num(quantity, 4)} @ ${num(held.marks?.[instrument])}`, 'metric', `position-${instrument}`));
    }
    card.appendChild(dl);
    target.appendChild(card);
  }
  if (!target.children.length) target.appendChild(el('p', 'no portfolio update yet', 'muted'));
}

export function renderSignals(body: HTMLElement, signals: BusEvent[]): void {
  body.replaceChildren(
    ...signals.slice(0, 30).map((s) => {
      const p = s.payload ?? {};
      return row([timeOfMicros(p.timestampMicros ?? s.timestamp * 1e6), p.strategy ?? '', num(p.targetQuantity, 2), num(p.price),
        p.toxic ? `${p.reason ?? ''} (toxic)` : p.reason ?? '']);
    }),
  );
}

export function renderExecutions(body: HTMLElement, executions: BusEvent[]): void {
  body.replaceChildren(
    ...executions.slice(0, 30).map((x) => {
      const p = x.payload ?? {};
      const qty = Number(p.quantity);
      return row([timeOfMicros(p.timestampMicros ?? x.timestamp * 1e6), p.instrument ?? '',
        el('span', num(qty, 4), qty >= 0 ? 'gain' : 'loss'), num(p.price), num(p.fee)]);
    }),
  );
}
