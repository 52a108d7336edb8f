// Time-series charts on uPlot: the price (bars and trades) and VPIN under it. Points arrive
// faster than a screen refreshes, so they are appended to arrays and drawn at most every 250 ms.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const MAX_POINTS = 3000;
const REDRAW_MS = 250;

/** A chart of series sharing one time axis (Unix seconds), appended in time order. */
export class TimeChart {
  private readonly xs: number[] = [];
  private readonly ys: number[][];
  private readonly plot: uPlot;
  private dirty = false;

  constructor(private readonly container: HTMLElement, series: { label: string; stroke: string; fill?: string }[],
              height: number, yRange?: [number, number]) {
    this.ys = series.map(() => []);
    const opts: uPlot.Options = {
      width: Math.max(300, container.clientWidth - 8),
      height,
      legend: { show: true },
      // market time is shown in UTC, whatever the browser's zone
      tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      scales: { x: { time: true }, ...(yRange ? { y: { range: yRange } } : {}) },
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, fill: s.fill, width: 1.5, points: { show: false } }))],
      axes: [
        // HH:MM in UTC: compact enough that labels never run into each other
        { stroke: '#9aa4b2', grid: { stroke: '#2a313c' }, space: 70,
          values: (_u: uPlot, splits: number[]) => splits.map((t) => new Date(t * 1000).toISOString().substring(11, 16)) },
        { stroke: '#9aa4b2', grid: { stroke: '#2a313c' }, size: 70 },
      ],
    };
    this.plot = new uPlot(opts, [this.xs, ...this.ys] as uPlot.AlignedData, container);
    window.setInterval(() => this.redraw(), REDRAW_MS);
    window.addEventListener('resize', () => this.plot.setSize({ width: Math.max(300, container.clientWidth - 8), height }));
  }

  /** Appends a point; a point older than the last one, or without a first value, is ignored (the chart only moves forward). */
  add(timeSeconds: number, values: number[]): void {
    const last = this.xs.length ? this.xs[this.xs.length - 1] : -Infinity;
    if (!(timeSeconds >= last) || !Number.isFinite(values[0])) return;
    this.xs.push(timeSeconds);
    // a missing secondary value is drawn as a gap
    values.forEach((v, i) => this.ys[i].push(Number.isFinite(v) ? v : (null as unknown as number)));
    if (this.xs.length > MAX_POINTS) {
      this.xs.shift();
      this.ys.forEach((y) => y.shift());
    }
    this.dirty = true;
  }

  get points(): number {
    return this.xs.length;
  }

  private redraw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.plot.setData([this.xs, ...this.ys] as uPlot.AlignedData);
    this.container.dataset.points = String(this.xs.length);
  }
}
