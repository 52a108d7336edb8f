// The Nautilus dashboard: REST snapshots from the Backend API every second, and live bus traffic
// over the WebSocket engine for prices, VPIN, signals, executions and alerts. While the WebSocket
// is down, the streams are polled from the API instead, so the page never goes stale silently.

import './style.css';
import { Api, sessionToken } from './api';
import { AlertBoard } from './alerts';
import { TimeChart } from './charts';
import { LiveFeed } from './live';
import { renderBuses, renderEngines, renderExecutions, renderPnl, renderSignals } from './panels';
import { alertKindOf, eventOfFrame, type Alert, type BusEvent, type WsFrame } from './types';
import { num } from './format';

const PATTERNS = ['market_data.trade.*', 'market_data.bar.*', 'vpin.calculation.*', 'toxicity.alert.*', 'strategy.signal.*',
  'position.change.*', 'portfolio.update.*', 'risk.*', 'margin.alert.*', 'collateral.margin.*'];

const $ = (id: string) => document.getElementById(id) as HTMLElement;

async function main(): Promise<void> {
  const token = sessionToken();
  const { api, config } = await Api.connect(token);
  const priceChart = new TimeChart($('price-chart'), [{ label: 'price', stroke: '#4cc2ff' }], 260);
  const vpinChart = new TimeChart($('vpin-chart'), [
    { label: 'VPIN', stroke: '#ffb347' },
    { label: 'CDF', stroke: '#b084f5' },
  ], 140, [0, 1]);
  const alerts = new AlertBoard($('alert-banner'), $('alerts-list'));
  let instrument: string | null = null;
  let lastVpinBar = -1;

  const setInstrument = (name: string) => {
    if (instrument) return;
    instrument = name;
    $('instrument').textContent = name;
    $('instrument').classList.remove('muted');
  };
  const setPrice = (price: number) => { $('last-price').textContent = num(price); };
  // One VPIN status per bar; vpin and cdf are null until enough volume buckets completed.
  const addVpin = (v: any) => {
    if (v.instrument !== instrument) return;
    $('vpin-status').textContent = v.vpin == null
      ? `(waiting for volume buckets: ${v.completedBuckets} completed)`
      : `${num(v.vpin, 3)}, CDF ${num(v.cdf, 3)}${v.toxic ? ' TOXIC' : ''} after ${v.completedBuckets} buckets`;
    if (v.barEndMicros <= lastVpinBar || v.vpin == null) return;
    lastVpinBar = v.barEndMicros;
    vpinChart.add(v.barEndMicros / 1e6, [v.vpin, v.cdf ?? NaN]);
    $('vpin-chart').classList.toggle('toxic', !!v.toxic);
  };

  // A browser cannot put a header on a WebSocket upgrade, so the token goes in its query string;
  // handing it out in config.json would give it to anyone who can load the page.
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:${config.webSocketPort}/ws`
    + (token ? `?token=${encodeURIComponent(token)}` : '');
  const feed = new LiveFeed(wsUrl,
    PATTERNS, onFrame, (state, detail) => {
      const status = $('ws-status');
      status.textContent = `live: ${state === 'open' ? 'connected' : state}`;
      status.title = detail;
      status.className = `status ${state === 'open' ? 'up' : 'down'}`;
    });

  function onFrame(frame: WsFrame): void {
    if (frame.type !== 'message' || !frame.topic) return;
    const event: BusEvent = eventOfFrame(frame);
    const topic = event.topic;
    const p = event.payload ?? {};
    const kind = alertKindOf(topic);
    if (kind) alerts.show({ kind, event }, true);
    if (topic.startsWith('market_data.trade.')) {
      setInstrument(p.instrument);
      if (p.instrument === instrument) {
        priceChart.add(p.timestampMicros / 1e6, [p.price]);
        setPrice(p.price);
      }
    } else if (topic.startsWith('market_data.bar.')) {
      setInstrument(p.instrument);
      if (p.instrument === instrument) priceChart.add(p.endMicros / 1e6, [p.close]);
    } else if (topic.startsWith('vpin.calculation.') && !topic.startsWith('vpin.calculation.enhanced.')) {
      addVpin(p);
    }
  }

  async function loadHistory(): Promise<void> {
    const { instruments } = await api.get<{ instruments: string[] }>('/api/instruments');
    if (!instrument && instruments.length) setInstrument(instruments[0]);
    if (!instrument) return;
    const { bars } = await api.get(`/api/bars/${encodeURIComponent(instrument)}?limit=2000`);
    for (const bar of bars) priceChart.add(bar.endMicros / 1e6, [bar.close]);
    const { estimates } = await api.get(`/api/vpin/${encodeURIComponent(instrument)}?limit=2000`);
    estimates.forEach(addVpin);
  }

  async function pollStreams(): Promise<void> {
    // Without the WebSocket, the charts and alerts follow the API.
    if (!instrument) await loadHistory();
    else {
      const { bars } = await api.get(`/api/bars/${encodeURIComponent(instrument)}?limit=50`);
      for (const bar of bars) priceChart.add(bar.endMicros / 1e6, [bar.close]);
      const { estimates } = await api.get(`/api/vpin/${encodeURIComponent(instrument)}?limit=50`);
      estimates.forEach(addVpin);
      const price = await api.get(`/api/prices/${encodeURIComponent(instrument)}`).catch(() => null);
      if (price) setPrice(price.price);
    }
  }

  async function pollAlerts(): Promise<void> {
    const { alerts: recent } = await api.get<{ alerts: Alert[] }>('/api/alerts?limit=50');
    recent.reverse().forEach((a) => alerts.show(a, true));
  }

  async function pollSnapshots(): Promise<void> {
    const [bus, pnl, positions, signals, executions] = await Promise.all([
      api.get('/api/bus/status'), api.get('/api/pnl?limit=1'), api.get('/api/positions'),
      api.get('/api/signals?limit=30&changed=true'), api.get('/api/executions?limit=30')]);
    renderBuses($('bus-cards'), $('bus-note'), bus);
    renderPnl($('pnl-body'), pnl, positions);
    renderSignals($('signals-body'), signals.signals);
    renderExecutions($('executions-body'), executions.executions);
  }

  const every = (ms: number, task: () => Promise<void>) => {
    const run = async () => {
      try {
        await task();
        $('api-status').textContent = 'api: ok';
        $('api-status').className = 'status up';
      } catch (e) {
        $('api-status').textContent = `api: ${e instanceof Error ? e.message : e}`;
        $('api-status').className = 'status down';
      }
      window.setTimeout(run, ms);
    };
    run();
  };

  // Alerts already on record are listed, not flashed: the banner is for what happens while watching.
  const { alerts: past } = await api.get<{ alerts: Alert[] }>('/api/alerts?limit=50');
  past.reverse().forEach((a) => alerts.show(a, false));
  await loadHistory().catch((e) => console.warn('history', e));
  feed.start();
  every(1000, pollSnapshots);
  every(2000, async () => renderEngines($('engines-body'), $('engines-summary'), await api.get('/api/engines')));
  every(1000, async () => { if (!feed.open) await pollStreams(); });
  every(250, async () => { if (!feed.open) await pollAlerts(); });
}

main().catch((e) => {
  $('api-status').textContent = `dashboard failed to start: ${e instanceof Error ? e.message : e}`;
  console.error(e);
});
