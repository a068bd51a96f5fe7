// Small SVG charts (no library): vertical bars over time and horizontal bars with labels.
const NS = 'http://www.w3.org/2000/svg';

/**
 * Generous width of a text in viewBox units (font size x characters x 0.72, the widest digits of a bold sans
 * font): charts leave this much room for their labels so that no label is cut off at the edge of the chart.
 */
function textWidth(text, fontSize) {
  return String(text).length * fontSize * 0.72;
}

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = String(text);
  return el;
}

/** Vertical bar chart: points [{label, value}], e.g. declarations per day. */
export function barChart(points, { height = 220, color = '#2f6db5', title = '' } = {}) {
  const width = 640;
  const max = Math.max(1, ...points.map((p) => Number(p.value) || 0));
  const ticks = niceTicks(max);
  // room on the left for the longest tick label (11px), on the right for half of the last date label
  const pad = { l: Math.max(40, 12 + Math.max(...ticks.map((t) => textWidth(t, 11)))), r: 22, t: 14, b: 42 };
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
  if (title) svg.appendChild(s('title', {}, title));
  const iw = width - pad.l - pad.r;
  const ih = height - pad.t - pad.b;
  for (const t of ticks) {
    const y = pad.t + ih - (t / ticks[ticks.length - 1]) * ih;
    svg.appendChild(s('line', { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: 'grid' }));
    svg.appendChild(s('text', { x: pad.l - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, t));
  }
  const top = ticks[ticks.length - 1];
  const n = Math.max(points.length, 1);
  const bw = iw / n;
  const every = Math.ceil(n / 12);
  points.forEach((p, i) => {
    const v = Number(p.value) || 0;
    const bh = (v / top) * ih;
    const x = pad.l + i * bw;
    const r = s('rect', { x: x + bw * 0.12, y: pad.t + ih - bh, width: Math.max(1, bw * 0.76), height: bh, fill: color, rx: 2 });
    r.appendChild(s('title', {}, `${p.label}: ${v}`));
    svg.appendChild(r);
    if (i % every === 0) {
      svg.appendChild(s('text', { x: x + bw / 2, y: height - pad.b + 16, 'text-anchor': 'middle', class: 'axis' },
        String(p.label).slice(5)));
    }
  });
  if (points.length === 0) {
    svg.appendChild(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' }, 'No data in this period'));
  }
  return svg;
}

/** Horizontal bars: rows [{label, value, color, text}] with value in the same unit; max optional. */
export function hBars(rows, { max, format = (v) => String(v), title = '' } = {}) {
  const width = 640;
  const rowH = 30;
  const maxLabel = 26;
  const labelText = (r) => (String(r.label).length > maxLabel ? String(r.label).slice(0, maxLabel - 1) + '…' : String(r.label));
  // the label column fits the longest label (12px), the value column the longest value text (12px bold)
  const labelW = Math.min(240, Math.max(60, 14 + Math.max(0, ...rows.map((r) => textWidth(labelText(r), 12)))));
  const valueW = Math.max(40, 14 + Math.max(0, ...rows.map((r) => textWidth(r.text || format(Number(r.value) || 0), 12))));
  const height = Math.max(rowH, rows.length * rowH) + 8;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title });
  if (title) svg.appendChild(s('title', {}, title));
  const top = max || Math.max(1e-9, ...rows.map((r) => Number(r.value) || 0));
  const iw = width - labelW - valueW;
  rows.forEach((r, i) => {
    const y = 4 + i * rowH;
    const v = Number(r.value) || 0;
    const label = s('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'label' }, labelText(r));
    if (labelText(r) !== String(r.label)) label.appendChild(s('title', {}, r.label));
    svg.appendChild(label);
    svg.appendChild(s('rect', { x: labelW, y: y + 5, width: iw, height: rowH - 10, fill: '#eef1f5', rx: 3 }));
    const bar = s('rect', { x: labelW, y: y + 5, width: Math.max(0, (v / top) * iw), height: rowH - 10, fill: r.color || '#2f6db5', rx: 3 });
    bar.appendChild(s('title', {}, `${r.label}: ${r.text || format(v)}`));
    svg.appendChild(bar);
    svg.appendChild(s('text', { x: labelW + iw + 8, y: y + rowH / 2 + 4, class: 'value' }, r.text || format(v)));
  });
  if (rows.length === 0) svg.appendChild(s('text', { x: width / 2, y: 20, 'text-anchor': 'middle', class: 'axis' }, 'No data'));
  return svg;
}

function niceTicks(max) {
  const raw = max / 4;
  const mag = Math.pow(10, Math.floor(Math.log10(raw || 1)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) || mag * 10;
  const stepI = Math.max(1, Math.round(step));
  const out = [];
  for (let v = 0; v <= max + stepI - 1e-9; v += stepI) out.push(v);
  if (out.length < 2) out.push(stepI);
  return out;
}
