// Small formatting helpers shared by the panels.

export function num(value: unknown, digits = 2): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === null || value === undefined || Number.isNaN(n)) return '–';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function int(value: unknown): string {
  return num(value, 0);
}

export function timeOfMicros(micros: number): string {
  return new Date(micros / 1000).toISOString().substring(11, 19);
}

export function timeOfSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().substring(11, 19);
}

/** An element with text content, optionally with a class and data-metric (tests read numbers by it). */
export function el(tag: string, text: string, cls?: string, metric?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (cls) node.className = cls;
  if (metric) node.dataset.metric = metric;
  return node;
}

export function row(cells: (string | HTMLElement)[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (typeof cell === 'string') td.textContent = cell;
    else td.appendChild(cell);
    tr.appendChild(td);
  }
  return tr;
}
