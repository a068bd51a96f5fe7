// DOM helpers. Every piece of data goes through textContent (never innerHTML), so API data cannot inject markup.

/** h('div.card#id', {attrs}, children...) → element. Attribute "on*" functions become listeners. */
export function h(spec, attrs, ...children) {
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    if (attrs !== undefined && attrs !== null) children.unshift(attrs);
    attrs = {};
  }
  const m = spec.match(/^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i);
  const el = document.createElement((m && m[1]) || 'div');
  if (m && m[2]) {
    for (const part of m[2].match(/[.#][\w-]+/g)) {
      if (part[0] === '.') el.classList.add(part.slice(1)); else el.id = part.slice(1);
    }
  }
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className += (el.className ? ' ' : '') + v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const CHANNEL_CLASS = { GREEN: 'green', YELLOW: 'yellow', RED: 'red' };

export function channelBadge(channel) {
  if (!channel) return h('span.badge.grey', '—');
  return h('span.badge.channel.' + (CHANNEL_CLASS[channel] || 'grey'), { title: 'Channel ' + channel }, channel);
}

export function levelBadge(level) {
  const l = String(level || '').toUpperCase();
  const cls = l.startsWith('H') ? 'red' : l.startsWith('M') ? 'yellow' : l.startsWith('L') ? 'green' : 'grey';
  const letter = l ? l[0] : '?';
  return h('span.badge.level.' + cls, { title: l }, letter);
}

const STATUS_CLASS = {
  SUBMITTED: 'grey', ACCEPTED: 'blue', RISK_ASSESSED: 'blue', UNDER_CONTROL: 'orange',
  RELEASED: 'green', CLEARED: 'green', REJECTED: 'red', CANCELLED: 'grey',
};

export function statusBadge(status) {
  return h('span.badge.status.' + (STATUS_CLASS[status] || 'grey'), String(status || '—').replace(/_/g, ' '));
}

export function scoreBar(score) {
  if (score === null || score === undefined) return h('span.muted', '—');
  const s = Math.max(0, Math.min(100, Number(score)));
  const cls = s >= 70 ? 'red' : s >= 40 ? 'yellow' : 'green';
  return h('span.score', { title: 'Risk score ' + s + ' / 100' },
    h('span.scorebar', h('span.scorefill.' + cls, { style: 'width:' + s + '%' })), h('b', String(s)));
}

export function fmtDate(v) {
  if (!v) return '—';
  const d = new Date(v);
  if (isNaN(d)) return String(v);
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function fmtDay(v) {
  if (!v) return '—';
  return String(v).slice(0, 10);
}

export function fmtMoney(m) {
  if (!m || m.amount === undefined || m.amount === null) return '—';
  const n = Number(m.amount);
  const d = currencyDigits(m.currency);
  const s = isNaN(n) ? String(m.amount) : n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
  return s + (m.currency ? ' ' + m.currency : '');
}

/** Minor-unit digits of an ISO 4217 currency (0 for JPY or KRW, 2 for most), 2 when unknown. */
function currencyDigits(currency) {
  try {
    return currency ? new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits : 2;
  } catch (e) { return 2; }
}

export function fmtNum(n, digits = 0) {
  if (n === null || n === undefined || n === '') return '—';
  const x = Number(n);
  return isNaN(x) ? String(n) : x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtPct(r) {
  if (r === null || r === undefined) return '—';
  return (Number(r) * 100).toFixed(1) + ' %';
}

/**
 * A table. columns: [{label, render(row) → node|string, cls}]; options: {onRowClick, empty, id, rowId(row)}.
 */
export function table(columns, rows, options = {}) {
  const thead = h('thead', h('tr', columns.map((c) => h('th', { class: c.cls }, c.label))));
  const tbody = h('tbody');
  if (!rows || rows.length === 0) {
    tbody.appendChild(h('tr', h('td.empty', { colspan: columns.length }, options.empty || 'Nothing to show.')));
  }
  for (const row of rows || []) {
    const tr = h('tr', columns.map((c) => {
      const v = c.render ? c.render(row) : row[c.key];
      return h('td', { class: c.cls }, v === undefined || v === null || v === '' ? '—' : v);
    }));
    if (options.rowId) tr.dataset.id = options.rowId(row);
    if (options.onRowClick) {
      tr.classList.add('clickable');
      tr.tabIndex = 0;
      tr.addEventListener('click', () => options.onRowClick(row));
      tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') options.onRowClick(row); });
    }
    tbody.appendChild(tr);
  }
  return h('div.tablewrap', h('table.data', { id: options.id }, thead, tbody));
}

/**
 * Renders an API error (problem+json) readably. Field errors are listed one per problem in people's words
 * ("Item 1 — customs value: must be greater than zero"), with the server's label; the technical path and rule
 * code stay in a tooltip for API users.
 */
export function problemBox(err) {
  const status = err && err.status;
  const title = status === 403 ? 'Not permitted'
    : status === 401 ? 'Please sign in again'
    : status === 422 ? 'Please correct the following'
    : status === 409 ? 'Not possible in the current state'
    : 'Something went wrong';
  const errors = (err && err.errors) || [];
  const box = h('div.alert.error.problem', { role: 'alert' }, h('strong', title + (status ? ' (' + status + ')' : '')),
    errors.length ? h('p', errors.length === 1 ? 'One problem found:' : errors.length + ' problems found:')
      : h('p', (err && err.detail) || String(err)));
  if (errors.length) box.appendChild(fieldErrorList(errors));
  const p = err && err.problem;
  if (p && Array.isArray(p.problems) && p.problems.length) {
    box.appendChild(h('ul.errors', p.problems.map((x) => h('li', typeof x === 'string' ? x : JSON.stringify(x)))));
  }
  if (p && (p.position !== undefined || p.line !== undefined || p.column !== undefined)) {
    box.appendChild(h('p.mono', 'at ' + ['line', 'column', 'position'].filter((k) => p[k] !== undefined)
      .map((k) => k + ' ' + p[k]).join(', ')));
  }
  return box;
}

/** Field errors as a list, one line per problem: "label: message" (the path and code as a tooltip). */
export function fieldErrorList(errors) {
  const seen = new Set();
  const lines = [];
  for (const e of errors) {
    const label = e.label || e.path || '';
    const text = (label ? label + ': ' : '') + (e.message || e.code);
    if (seen.has(text)) continue;
    seen.add(text);
    lines.push(h('li', { title: [e.path, e.code].filter(Boolean).join(' · ') }, label ? h('b', label + ': ') : null, e.message || e.code));
  }
  return h('ul.errors', lines);
}

export function toast(message, kind = 'ok') {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = 'toast show ' + kind;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.className = 'toast'; }, 4000);
}

/** A labelled form field. */
export function field(label, input, hint) {
  return h('label.field', h('span.label', label), input, hint ? h('span.hint', hint) : null);
}

export function input(name, attrs = {}) {
  return h('input', { name, id: attrs.id || 'f-' + name, ...attrs });
}

export function select(name, options, attrs = {}) {
  const s = h('select', { name, id: attrs.id || 'f-' + name, ...attrs });
  for (const o of options) {
    const [value, label] = Array.isArray(o) ? o : [o, o];
    s.appendChild(h('option', { value }, label));
  }
  if (attrs.value !== undefined) s.value = attrs.value;
  return s;
}

export function card(title, ...children) {
  return h('section.card', title ? h('h2', title) : null, ...children);
}

export function pageTitle(title, subtitle) {
  return h('div.pagehead', h('h1', title), subtitle ? h('p.muted', subtitle) : null);
}

export function kv(pairs) {
  return h('dl.kv', pairs.filter(Boolean).flatMap(([k, v]) =>
    [h('dt', k), h('dd', v === undefined || v === null || v === '' ? '—' : v)]));
}

/** Reads a form's named fields into an object (empty strings dropped). */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked;
    else if (el.value.trim() !== '') out[el.name] = el.value.trim();
  }
  return out;
}

/** Disables a submit button while an async action runs. */
export async function busy(button, fn) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Working…';
  try { return await fn(); } finally { button.disabled = false; button.textContent = label; }
}

export function loading() { return h('p.muted.loading', 'Loading…'); }
