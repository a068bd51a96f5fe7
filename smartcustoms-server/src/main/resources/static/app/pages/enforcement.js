// Enforcement and intelligence database: seizures (list, detail with links), search, and the link chart (SVG,
// expanded hop by hop, shortest path between two entities). Person details and suspicion reports are shown only
// to the INTELLIGENCE role; the server enforces it (officers get 403 or "restricted"). Users with that role also
// import seizures (.xlsx/CSV, all or nothing) and export selected cases (CEN-style JSON/XML); officers add photos.
import { get, api, download } from '../api.js';
import { barChart, hBars } from '../charts.js';
import { h, clear, table, problemBox, pageTitle, card, field, input, select, kv, fmtDate, loading, busy } from '../ui.js';

const INTEL = ['INTELLIGENCE', 'ADMIN'];
const NS = 'http://www.w3.org/2000/svg';
const TYPE_CLASS = { SEIZURE: 'seizure', PERSON: 'person', COMPANY: 'company', SUSPICION: 'suspicion', DECLARATION: 'declaration',
  ADDRESS: 'contact', PHONE: 'contact', VEHICLE: 'contact' };

function entityLink(key, label) {
  const [type, ...rest] = key.split(':');
  const id = rest.join(':');
  if (type === 'SEIZURE') return h('a', { href: '#/enforcement/seizure/' + encodeURIComponent(id) }, label || id);
  if (type === 'DECLARATION') return h('a', { href: '#/declaration/' + encodeURIComponent(id) }, label || id);
  return h('span', label || key);
}

/** The seizure list, newest first, and (INTELLIGENCE role) search across the four databases. */
export async function render(page, params, ctx) {
  const intel = INTEL.includes(ctx.user.role);
  page.append(pageTitle('Enforcement', 'Seizures and offences' + (intel ? ', persons, companies and suspicion reports, linked to declarations' : '')));
  if (intel) {
    const q = input('q', { id: 'enf-q', placeholder: 'name, goods, concealment, route…', size: 40 });
    const out = h('div#enf-search-result');
    page.append(h('form.filters#enf-search', { onsubmit: async (e) => {
      e.preventDefault();
      clear(out, loading());
      try {
        const hits = await get('/enforcement/search', { q: q.value });
        clear(out, table([
          { label: 'Type', render: (x) => h('span.badge.enf-' + (TYPE_CLASS[x.type] || 'contact'), x.type) },
          { label: 'Record', render: (x) => entityLink(x.entity, x.label) },
          { label: '', render: (x) => h('a', { href: '#/enforcement/graph/' + encodeURIComponent(x.entity) }, 'Link chart') },
        ], hits, { id: 'enf-search-hits', empty: 'Nothing found.' }));
      } catch (err) { clear(out, problemBox(err)); }
    } }, field('Search', q), h('button.primary', { type: 'submit' }, 'Search')), out);
  }
  const list = h('div#enf-seizures', loading());
  const selected = new Set();
  page.append(card('Seizures', list));
  const loadList = async () => { try {
    const seizures = await get('/enforcement/seizures', { limit: 100 });
    clear(list, table([
      ...(intel ? [{ label: 'Export', render: (x) => h('input.enf-pick', { type: 'checkbox', 'aria-label': 'Select ' + x.id + ' for export',
        value: x.id, onchange: (e) => (e.target.checked ? selected.add(x.id) : selected.delete(x.id)) }) }] : []),
      { label: 'Seizure', render: (x) => h('a', { href: '#/enforcement/seizure/' + x.id }, x.id) },
      { label: 'Date', key: 'date', cls: 'when' },
      { label: 'Office', key: 'office' },
      { label: 'Commodity', render: (x) => h('span.stacked', h('b', x.goods), h('span.muted', x.category.replaceAll('_', ' '))) },
      { label: 'Quantity', render: (x) => x.quantity + (x.unit ? ' ' + x.unit : ''), cls: 'num' },
      { label: 'Concealment', key: 'concealment' },
      { label: 'Detected by', render: (x) => x.detectionMethod.replaceAll('_', ' ').toLowerCase() },
      { label: 'Declarations', render: (x) => x.declarationIds.map((d) => h('div', entityLink('DECLARATION:' + d))) },
    ], seizures, { id: 'enf-seizure-table', rowId: (x) => x.id, empty: 'No seizure recorded yet.' }));
    for (const c of list.querySelectorAll('input.enf-pick')) c.checked = selected.has(c.value);
  } catch (err) { clear(list, problemBox(err)); } };
  if (intel) page.append(exchangeCard(selected, loadList));
  await loadList();
  page.append(chartsCard());
}

/** Import seizures from a spreadsheet (all or nothing, errors by line) and export the selected cases (CEN-style). */
function exchangeCard(selected, reload) {
  const file = h('input#enf-import-file', { type: 'file', name: 'file', accept: '.xlsx,.csv,text/csv', required: true });
  const importOut = h('div#enf-import-result');
  const importForm = h('form.filters#enf-import', { onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    const button = importForm.querySelector('button[type=submit]');
    clear(importOut);
    await busy(button, async () => {
      try {
        const r = await api('POST', '/enforcement/import', f, { contentType: 'application/octet-stream', params: { fileName: f.name } });
        clear(importOut, h('div.alert.ok#enf-import-ok', { role: 'status' },
          h('strong', r.count + (r.count === 1 ? ' seizure imported' : ' seizures imported') + ' from ' + f.name + ': '),
          r.seizures.map((id, i) => [i ? ', ' : '', entityLink('SEIZURE:' + id)])));
        file.value = '';
        await reload();
      } catch (err) { clear(importOut, importProblem(err, f.name)); }
    });
  } }, field('Spreadsheet (.xlsx or CSV)', file, 'Line 1 names the columns: date, office, goods, quantity (required), detectionMethod, category, unit, value, currency, concealment, conveyance, departure, transit, destination, outcome, reference. Nothing is stored if any line is wrong.'),
  h('button.primary', { type: 'submit' }, 'Import'));

  const format = select('format', [['json', 'JSON'], ['xml', 'XML']], { id: 'enf-export-format' });
  const legal = h('input#enf-export-legal', { type: 'checkbox', name: 'legal' });
  const basis = input('legalBasis', { id: 'enf-export-basis', placeholder: 'e.g. MAA request JP-NL 2026/17', size: 34, disabled: true });
  legal.addEventListener('change', () => { basis.disabled = !legal.checked; basis.required = legal.checked; if (legal.checked) basis.focus(); });
  const exportOut = h('div#enf-export-result');
  const exportForm = h('form.filters#enf-export', { onsubmit: async (e) => {
    e.preventDefault();
    const ids = [...selected];
    if (!ids.length) { clear(exportOut, h('div.alert.error.problem', { role: 'alert' }, 'Select the cases to export in the list above.')); return; }
    const params = { ids: ids.join(','), format: format.value, ...(legal.checked ? { legalBasis: basis.value } : {}) };
    const name = 'cen-exchange-' + new Date().toISOString().slice(0, 10) + '-' + ids.length + '.' + format.value;
    try {
      await download('/enforcement/export', params, name);
      clear(exportOut, h('p.muted#enf-export-ok', ids.length + (ids.length === 1 ? ' case' : ' cases') + ' exported to ' + name + ' — '
        + (legal.checked ? 'personal data included, legal basis "' + basis.value + '" (recorded in the audit trail).'
          : 'persons pseudonymised, no personal data.')));
    } catch (err) { clear(exportOut, problemBox(err)); }
  } }, field('Format', format),
  h('label.field', h('span.label', 'Legal basis'), h('span', legal, ' exchange has a legal basis (includes personal data)')),
  field('Reference of the legal basis', basis), h('button.primary#enf-export-button', { type: 'submit' }, 'Export selected'));
  return card('Exchange', h('h3', 'Import seizures'), importForm, importOut,
    h('h3', 'Export selected cases (CEN-style)'), exportForm, exportOut);
}

/** An import refusal: the errors by line (422), or why the file was not read (400 unreadable, 409 already imported, 413 too many rows). */
function importProblem(err, name) {
  const lines = Array.isArray(err.problem && err.problem.errors) ? err.problem.errors.filter((x) => typeof x === 'string') : [];
  if (!lines.length) return problemBox(err);
  return h('div.alert.error.problem#enf-import-errors', { role: 'alert' },
    h('strong', 'Nothing imported from ' + name + ' (' + err.status + ')'), h('p', err.detail),
    h('ul.errors', lines.map((x) => h('li', x))));
}

const CHART_BY = [['month', 'Month'], ['commodity', 'Commodity'], ['route', 'Route'], ['concealment', 'Concealment method']];

/** Seizures counted by month, commodity, route or concealment method, with the same figures as CSV. */
function chartsCard() {
  const by = select('by', CHART_BY, { id: 'enf-chart-by' });
  const from = input('from', { id: 'enf-chart-from', type: 'date' });
  const to = input('to', { id: 'enf-chart-to', type: 'date' });
  const out = h('div#enf-chart');
  const params = () => ({ by: by.value, ...(from.value ? { from: from.value } : {}), ...(to.value ? { to: to.value } : {}) });
  const draw = async () => {
    clear(out, loading());
    try {
      const c = await get('/enforcement/stats', params());
      const title = 'Seizures by ' + CHART_BY.find((x) => x[0] === c.by)[1].toLowerCase() + ', ' + c.from + ' to ' + c.to;
      if (!c.bars.length) { clear(out, h('p.muted', 'No seizure in that period.')); return; }
      clear(out, h('p.muted', title), c.by === 'month'
        ? barChart(c.bars.map((b) => ({ label: b.key, value: b.seizures })), { title, color: '#8a3b2e' })
        : hBars(c.bars.slice(0, 15).map((b) => ({ label: c.by === 'commodity' ? b.key.replaceAll('_', ' ').toLowerCase() : b.key, value: b.seizures })), { title }),
      c.by !== 'month' && c.bars.length > 15 ? h('p.muted', c.bars.length - 15 + ' more in the CSV file.') : null);
    } catch (err) { clear(out, problemBox(err)); }
  };
  const form = h('form.filters#enf-chart-form', { onsubmit: (e) => { e.preventDefault(); draw(); } },
    field('Seizures by', by), field('From', from), field('To', to), h('button.primary', { type: 'submit' }, 'Show'),
    h('button#enf-chart-csv', { type: 'button', onclick: () => download('/enforcement/stats', { ...params(), format: 'csv' },
      'seizures-by-' + by.value + '.csv').catch((err) => clear(out, problemBox(err))) }, 'Download CSV'));
  by.addEventListener('change', draw);
  draw();
  return card('Charts', form, out);
}

/** One seizure with what it is linked to. */
export async function seizure(page, params, ctx) {
  const intel = INTEL.includes(ctx.user.role);
  const v = await get('/enforcement/seizures/' + encodeURIComponent(params.id));
  const s = v.seizure;
  page.append(pageTitle('Seizure ' + s.id, s.goods + ' · ' + s.date),
    intel ? h('p.actions', h('a.button.primary#enf-open-chart', { href: '#/enforcement/graph/' + encodeURIComponent('SEIZURE:' + s.id) }, 'Open link chart')) : null,
    card('What was seized', kv([
      ['Date', s.date], ['Office', s.office], ['Detected by', s.detectionMethod.replaceAll('_', ' ').toLowerCase()],
      ['Commodity (CEN category)', s.category.replaceAll('_', ' ')], ['Goods', s.goods],
      ['Quantity', s.quantity + (s.unit ? ' ' + s.unit : '')], ['Estimated value', s.value ? s.value + ' ' + s.currency : null],
      ['Concealment', s.concealment], ['Conveyance', s.conveyance],
      ['Route', [s.route.departure, ...s.route.transit, s.route.destination].filter(Boolean).join(' → ')],
      ['Outcome', s.outcome], ['Recorded', fmtDate(s.recordedAt) + ' by ' + s.recordedBy],
    ])),
    card('Links', h('div#enf-links', table([
      { label: 'Linked', render: (x) => x.kind },
      { label: 'Role', key: 'role' },
      { label: 'Record', render: (x) => x.render },
    ], [
      ...v.parties.map((p) => ({ kind: p.type.toLowerCase(), role: p.role, render: h('span', p.name || p.entity, ' ', h('span.muted', p.entity)) })),
      ...s.declarationIds.map((d) => ({ kind: 'declaration', role: 'DECLARATION', render: entityLink('DECLARATION:' + d) })),
    ], { id: 'enf-links-table', empty: 'No links.' }))),
    photosCard(s.id, PHOTO_UPLOADERS.includes(ctx.user.role), ctx));
}

const PHOTO_UPLOADERS = ['OFFICER', 'INTELLIGENCE', 'ADMIN'];

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

/** The photos of the concealment method (served with the token, shown through blob URLs) and, for officers, an upload. */
function photosCard(id, mayUpload, ctx) {
  const base = '/enforcement/seizures/' + encodeURIComponent(id) + '/photos';
  const gallery = h('div.enf-photos#enf-photos', loading());
  const show = async () => {
    try {
      const list = await get(base);
      if (!list.length) { clear(gallery, h('p.muted', 'No photo yet.')); return; }
      const figures = await Promise.all(list.map(async (p) => {
        const img = h('img', { alt: p.caption || 'Photo ' + p.id, 'data-id': p.id, width: Math.min(p.width, 280) });
        try {
          // the image needs the token, and the page's policy allows data: images (not blob:)
          const res = await api('GET', base + '/' + encodeURIComponent(p.id), null, { raw: true });
          img.src = await dataUrl(await res.blob());
        } catch (err) { return h('figure', problemBox(err)); }
        return h('figure.enf-photo', img, h('figcaption', h('b', p.caption || p.id), h('br'),
          h('span.muted', p.width + '×' + p.height + ' ' + p.mediaType.replace('image/', '').toUpperCase() + ' · ' + fmtDate(p.uploadedAt) + ' · ' + p.uploadedBy)));
      }));
      if (ctx.isCurrent()) clear(gallery, figures);
    } catch (err) { clear(gallery, problemBox(err)); }
  };
  show();
  if (!mayUpload) return card('Photos', gallery);
  const file = h('input#enf-photo-file', { type: 'file', name: 'file', accept: 'image/jpeg,image/png', required: true });
  const caption = input('caption', { id: 'enf-photo-caption', placeholder: 'e.g. false floor of the trailer', size: 30, maxlength: 200 });
  const out = h('div#enf-photo-result');
  const form = h('form.filters#enf-photo-form', { onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    clear(out);
    await busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const p = await api('POST', base, f, { contentType: 'application/octet-stream', params: { caption: caption.value } });
        clear(out, h('p.muted#enf-photo-ok', 'Photo ' + p.id + ' added (' + p.width + '×' + p.height + ', metadata removed).'));
        form.reset();
        await show();
      } catch (err) {
        clear(out, err.status === 415 || err.status === 413
          ? h('div.alert.error.problem#enf-photo-refused', { role: 'alert' },
            h('strong', (err.status === 415 ? 'Not a JPEG or PNG picture' : 'Picture too large') + ' (' + err.status + ')'), h('p', err.detail))
          : problemBox(err));
      }
    });
  } }, field('Photo of the concealment (JPEG or PNG)', file, 'Checked by content; location and camera data are removed.'),
  field('Caption', caption), h('button.primary', { type: 'submit' }, 'Upload photo'));
  return card('Photos', gallery, form, out);
}

/** The link chart: starts at one entity, each click on a node adds its neighbours; "path to" shows the shortest chain. */
export async function graph(page, params) {
  const start = params.entity;
  const nodes = new Map(); // key -> {key, type, label, x, y, expanded}
  const edges = new Map(); // from|to|role -> edge
  const W = 1100;
  const H = 560;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'enf-chart');
  svg.setAttribute('id', 'enf-chart');
  svg.setAttribute('role', 'img');
  const info = h('p.muted#enf-chart-info');
  const target = input('to', { id: 'enf-path-to', placeholder: 'TYPE:ID, e.g. COMPANY:C-000001', size: 34 });
  const pathOut = h('div#enf-path');
  page.append(pageTitle('Link chart', 'Click a node to expand its connections, one hop at a time.'),
    h('form.filters', { onsubmit: async (e) => {
      e.preventDefault();
      try {
        const p = await get('/enforcement/graph', { from: start, to: target.value });
        if (!p.nodes.length) { clear(pathOut, h('p.muted', 'No connection within 6 links.')); return; }
        merge(p, nodes.get(start));
        const onPath = new Set(p.nodes.map((n) => n.key));
        clear(pathOut, h('p', 'Shortest connection (' + (p.nodes.length - 1) + (p.nodes.length === 2 ? ' link' : ' links') + '): ',
          p.nodes.map((n, i) => [i ? ' → ' : '', h('b', n.label)])));
        draw(onPath);
      } catch (err) { clear(pathOut, problemBox(err)); }
    } }, field('Shortest path to', target), h('button', { type: 'submit' }, 'Find path')),
    pathOut, card(null, info, svg));

  function place(n, around, i, count) {
    if (!around) { n.x = W / 2; n.y = H / 2; return; }
    const base = Math.atan2(around.y - H / 2, around.x - W / 2);
    const r = around.x === W / 2 && around.y === H / 2 ? 190 : 150;
    const spread = around.x === W / 2 && around.y === H / 2 ? 2 * Math.PI : Math.PI * 1.2;
    const a = spread >= 2 * Math.PI ? -Math.PI / 3 + spread * i / Math.max(1, count)
      : base - spread / 2 + spread * (count === 1 ? 0.5 : i / (count - 1));
    n.x = Math.max(70, Math.min(W - 70, around.x + r * Math.cos(a)));
    n.y = Math.max(30, Math.min(H - 30, around.y + r * Math.sin(a)));
  }

  function merge(g, around) {
    const fresh = g.nodes.filter((n) => !nodes.has(n.key));
    fresh.forEach((n, i) => {
      const node = { ...n, expanded: false };
      place(node, around, i, fresh.length);
      nodes.set(n.key, node);
    });
    for (const e of g.edges) edges.set(e.from + '|' + e.to + '|' + e.role, e);
  }

  function draw(highlight) {
    svg.replaceChildren();
    for (const e of edges.values()) {
      const a = nodes.get(e.from);
      const b = nodes.get(e.to);
      if (!a || !b) continue;
      const on = highlight && highlight.has(e.from) && highlight.has(e.to);
      svg.appendChild(el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'enf-edge' + (on ? ' on' : '') }));
      svg.appendChild(el('text', { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 4, class: 'enf-edge-label' }, e.role.toLowerCase()));
    }
    for (const n of nodes.values()) {
      const g = el('g', { class: 'enf-node ' + (TYPE_CLASS[n.type] || 'contact') + (n.expanded ? ' expanded' : '')
        + (highlight && highlight.has(n.key) ? ' on' : ''), 'data-key': n.key, tabindex: 0, transform: `translate(${n.x},${n.y})` });
      g.appendChild(el('circle', { r: n.key === start ? 16 : 12 }));
      const label = n.label.length > 34 ? n.label.slice(0, 33) + '…' : n.label;
      g.appendChild(el('text', { y: 28, 'text-anchor': 'middle' }, label));
      g.appendChild(el('text', { y: 4, 'text-anchor': 'middle', class: 'enf-type' }, n.type[0]));
      g.appendChild(el('title', {}, n.key + ' — ' + n.label + (n.expanded ? '' : ' (click to expand)')));
      g.addEventListener('click', () => expand(n));
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') expand(n); });
      svg.appendChild(g);
    }
    info.textContent = nodes.size + ' entities, ' + edges.size + ' links. ' + [...nodes.values()].filter((n) => !n.expanded).length + ' not yet expanded.';
    svg.dataset.nodes = String(nodes.size);
  }

  async function expand(n) {
    if (n.expanded) return;
    svg.classList.add('busy');
    try {
      const g = await get('/enforcement/graph', { from: n.key, depth: 1 });
      n.expanded = true;
      merge(g, n);
      draw();
    } catch (err) {
      info.replaceChildren(problemBox(err));
    } finally { svg.classList.remove('busy'); }
  }

  const first = await get('/enforcement/graph', { from: start, depth: 1 });
  merge(first, null);
  nodes.get(start).expanded = true;
  // the first hop is spread around the centre
  const ring = first.nodes.filter((x) => x.key !== start);
  ring.forEach((x, i) => place(nodes.get(x.key), nodes.get(start), i, ring.length));
  draw();
}

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// ------------------------------------------------------------------ offline seizure form

const DB = 'sc-enforcement';
const STORE = 'queue';

function idb() {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'key' });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function queueOp(mode, fn) {
  const db = await idb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const out = fn(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(out && out.result !== undefined ? out.result : undefined); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}

const queueAll = () => queueOp('readonly', (s) => s.getAll());
const queuePut = (item) => queueOp('readwrite', (s) => s.put(item));

let syncing = null;
/** Sends every pending seizure once (idempotency key): 201/200 synced, 4xx a conflict shown with the reason, no connection: still pending. */
async function syncQueue() {
  if (syncing) return syncing;
  syncing = (async () => {
    for (const item of (await queueAll()).filter((x) => x.state === 'pending')) {
      try {
        const s = await api('POST', '/enforcement/seizures', { ...item.body, idempotencyKey: item.key });
        await queuePut({ ...item, state: 'synced', seizureId: s.id, message: null });
      } catch (err) {
        if (err.status === 0 || err.status === 401 || err.status >= 500) break; // offline, signed out or server trouble: later
        await queuePut({ ...item, state: 'conflict', message: err.detail });
      }
    }
  })();
  try { await syncing; } finally { syncing = null; }
}

/** A short seizure form (the minimal statistical fields) that works without a connection. */
export async function offline(page, params, ctx) {
  const ready = h('p.muted#enf-offline-status', 'Preparing offline use…');
  const list = h('div#enf-queue');
  const form = h('form#enf-offline-form.card');
  const today = new Date().toISOString().slice(0, 10);
  const methods = ['RISK_SELECTION', 'RANDOM', 'XRAY', 'DOG', 'INTELLIGENCE', 'TIP_OFF', 'OTHER'];
  clear(form,
    h('div.grid2',
      field('Date', input('date', { type: 'date', value: today, max: today, required: true })),
      field('Office', input('office', { required: true, placeholder: 'e.g. JPTYO100' })),
      field('Detected by', h('select', { name: 'detectionMethod', id: 'f-detectionMethod', required: true },
        methods.map((m) => h('option', { value: m }, m.replaceAll('_', ' ').toLowerCase())))),
      field('Goods', input('goods', { required: true, placeholder: 'e.g. cigarettes' })),
      field('Quantity', input('quantity', { type: 'number', min: 0, step: 'any', required: true })),
      field('Unit', input('unit', { placeholder: 'KG, NAR' })),
      field('Concealment', input('concealment', { placeholder: 'e.g. false bottom' }))),
    h('div.actions', h('button.primary#enf-offline-save', { type: 'submit' }, 'Save seizure')));
  page.append(pageTitle('Seizure (offline form)', 'Saved on this device first and sent when there is a connection, exactly once.'),
    ready, form, card('Saved on this device', h('div.cardtools', h('button#enf-sync', { type: 'button', onclick: () => syncQueue().then(show) }, 'Synchronise now')), list));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(form).entries());
    const body = { date: f.date, office: f.office, detectionMethod: f.detectionMethod, goods: f.goods, quantity: Number(f.quantity),
      unit: f.unit || null, concealment: f.concealment || null };
    await queuePut({ key: crypto.randomUUID(), body, state: 'pending', savedAt: new Date().toISOString() });
    form.reset();
    form.elements.date.value = today;
    await show();
    if (navigator.onLine) await syncQueue();
    await show();
  });

  async function show() {
    if (!ctx.isCurrent()) return;
    const items = (await queueAll()).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    clear(list, table([
      { label: 'Saved', render: (x) => fmtDate(x.savedAt), cls: 'when' },
      { label: 'Seizure', render: (x) => x.body.quantity + ' ' + (x.body.unit || '') + ' ' + x.body.goods + ' · ' + x.body.office },
      { label: 'State', render: (x) => h('span.badge.enf-state.' + (x.state === 'synced' ? 'green' : x.state === 'conflict' ? 'red' : 'orange'),
        { 'data-state': x.state }, x.state) },
      { label: 'Record', render: (x) => (x.seizureId ? entityLink('SEIZURE:' + x.seizureId) : x.message || (navigator.onLine ? 'sending…' : 'waiting for a connection')) },
    ], items, { id: 'enf-queue-table', rowId: (x) => x.key, empty: 'Nothing saved on this device.' }));
  }

  window.addEventListener('online', () => syncQueue().then(show));
  const timer = setInterval(() => { if (!ctx.isCurrent()) { clearInterval(timer); return; } syncQueue().then(show); }, 3000);
  await show();
  syncQueue().then(show);
  if ('serviceWorker' in navigator) {
    try {
      const reg = await navigator.serviceWorker.register('/enforcement-sw.js');
      const sw = reg.active || (await navigator.serviceWorker.ready).active;
      const urls = [location.pathname, ...performance.getEntriesByType('resource').map((r) => r.name)];
      const done = await new Promise((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (m) => resolve(m.data);
        sw.postMessage({ cache: [...new Set(urls)] }, [ch.port2]);
      });
      ready.textContent = done.error ? 'Offline use not ready: ' + done.error : 'Ready for offline use.';
      ready.dataset.ready = done.error ? 'no' : 'yes';
    } catch (err) {
      ready.textContent = navigator.onLine ? 'Offline use not available: ' + err.message : 'Working offline.';
      ready.dataset.ready = navigator.onLine ? 'no' : 'offline';
    }
  }
}
