// Trader portal: own declarations, submission (form or file), notifications.
import { get, post, nationalCurrency } from '../api.js';
import {
  h, clear, table, channelBadge, statusBadge, fmtDate, problemBox, pageTitle, card, field, input, select,
  busy, toast, loading, fieldErrorList,
} from '../ui.js';
import { pager } from './worklist.js';
import { attachCodeSuggestions } from './knowledge.js';

const STATUSES = ['', 'SUBMITTED', 'ACCEPTED', 'RISK_ASSESSED', 'UNDER_CONTROL', 'RELEASED', 'CLEARED', 'REJECTED', 'CANCELLED'];

export async function myDeclarations(page, params, { user, go }) {
  page.append(pageTitle('My declarations', 'Declarations lodged by or for ' + (user.partyId || user.username) + ', newest first.'));
  const status = select('status', STATUSES.map((s) => [s, s ? s.replace(/_/g, ' ') : 'Any status']));
  const q = input('q', { type: 'search', placeholder: 'LRN or MRN', size: 22, maxlength: 35 });
  const out = h('div#my-result');
  let pageNo = 0;
  const size = 50;
  const form = h('form.filters', { onsubmit: (e) => { e.preventDefault(); pageNo = 0; load(); } },
    field('Search', q), field('Status', status), h('button', { type: 'submit' }, 'Show'),
    h('a.button.primary', { href: '#/submit' }, 'New declaration'));
  page.append(form, out);
  async function load() {
    clear(out, loading());
    try {
      const r = await get('/declarations', { status: status.value, q: q.value, page: pageNo, size });
      clear(out, h('p.muted', r.total + ' declaration(s)'), table([
        { label: 'MRN / id', render: (d) => h('a', { href: '#/declaration/' + d.id }, d.id) },
        { label: 'LRN', key: 'lrn' },
        { label: 'Type', key: 'type' },
        { label: 'Office', key: 'office' },
        { label: 'Items', key: 'items', cls: 'num' },
        { label: 'Status', render: (d) => statusBadge(d.status) },
        { label: 'Channel', render: (d) => channelBadge(d.channel) },
        { label: 'Submitted', render: (d) => fmtDate(d.submittedAt) },
      ], r.items, { id: 'my-declarations', rowId: (d) => d.id, onRowClick: (d) => go('declaration/' + d.id),
        empty: q.value ? 'No declaration matches "' + q.value + '".' : 'You have not lodged any declaration yet.' }),
      pager(r.total, pageNo, size, (p) => { pageNo = p; load(); }));
    } catch (e) { clear(out, problemBox(e)); }
  }
  await load();
}

const PAGE = 50;

/** Newest first, one page at a time; "Older notifications" follows the server's cursor. */
export async function notifications(page) {
  page.append(pageTitle('Notifications', 'Messages from customs about your declarations (acceptance, control, release, rejection, taxes), newest first.'));
  const list = h('ul.feed#notifications');
  const more = h('div.actions#notifications-more');
  const out = h('div', loading());
  page.append(out);
  const row = (n) => h('li', h('span.badge.grey.msg-' + String(n.type).replace(/[^A-Z]/g, ''), { title: n.type }, n.label || n.type),
    h('span.feedmsg', n.message),
    n.declarationId && n.declarationId !== '-' ? h('a', { href: '#/declaration/' + n.declarationId }, 'open') : null,
    h('span.muted.when', fmtDate(n.createdAt)));
  async function load(before) {
    const r = await get('/notifications', { limit: PAGE, before });
    if (!before && r.items.length === 0) list.append(h('li.muted', 'No notifications yet.'));
    list.append(...r.items.map(row));
    clear(more);
    if (r.nextBefore) {
      const b = h('button#older-notifications', { type: 'button' }, 'Older notifications');
      b.addEventListener('click', () => busy(b, async () => {
        try { await load(r.nextBefore); } catch (e) { clear(more, problemBox(e)); }
      }));
      more.append(b);
    }
  }
  try {
    await load();
    clear(out, list, more);
  } catch (e) { clear(out, problemBox(e)); }
}

function today() { return new Date().toISOString().slice(0, 10); }

function itemRow(index, currency) {
  const row = h('fieldset.item', { 'data-item': index },
    h('legend', 'Item ' + index),
    h('div.grid4',
      field('Description', input('description', { id: null, required: true, class: 'i-description', placeholder: 'e.g. LED lamps for household use' })),
      field('HS code', input('commodityCode', { id: null, required: true, class: 'i-hs', placeholder: '8539520090' }), '6–10 digits'),
      field('Origin', input('originCountry', { id: null, required: true, class: 'i-origin', maxlength: 2, size: 3, placeholder: 'CN' })),
      field('Preference code', input('preferenceCode', { id: null, class: 'i-pref', placeholder: '100' })),
      field('Quantity', input('quantity', { id: null, type: 'number', min: 0, step: 'any', class: 'i-qty' })),
      field('Unit', input('unit', { id: null, class: 'i-unit', placeholder: 'NAR', size: 4 })),
      field('Net mass (kg)', input('netMassKg', { id: null, type: 'number', min: 0, step: 'any', class: 'i-net' })),
      field('Gross mass (kg)', input('grossMassKg', { id: null, type: 'number', min: 0, step: 'any', class: 'i-gross' })),
      field('Customs value', input('value', { id: null, type: 'number', min: 0, step: 'any', required: true, class: 'i-value' })),
      field('Currency', input('currency', { id: null, class: 'i-currency', value: currency, size: 4 })),
      field('Procedure', input('procedureCode', { id: null, class: 'i-proc', value: '4000', size: 5 })),
    ),
    h('button.link.remove-item', { type: 'button', onclick: () => { row.remove(); } }, 'Remove item'));
  attachCodeSuggestions(row);
  return row;
}

function num(v) { return v === '' || v === undefined || v === null ? null : Number(v); }
function blank(v) { const s = (v || '').trim(); return s === '' ? null : s; }

function buildDeclaration(form, items) {
  const f = (n) => blank(form.elements[n] ? form.elements[n].value : '');
  const parties = [];
  parties.push({ role: 'DECLARANT', id: f('declarantId'), name: f('declarantName'), country: f('declarantCountry') });
  if (f('importerId') || f('importerName')) parties.push({ role: 'IMPORTER', id: f('importerId'), name: f('importerName'), country: f('importerCountry') });
  if (f('exporterName') || f('exporterId')) parties.push({ role: 'EXPORTER', id: f('exporterId'), name: f('exporterName'), country: f('exporterCountry') });
  const list = [...items.querySelectorAll('fieldset.item')].map((row, i) => {
    const v = (cls) => blank(row.querySelector(cls).value);
    const currency = v('.i-currency');
    const amount = num(v('.i-value'));
    const value = amount === null ? null : { amount, currency };
    const qty = num(v('.i-qty'));
    return {
      sequence: i + 1,
      description: v('.i-description'),
      commodityCode: v('.i-hs'),
      originCountry: v('.i-origin'),
      preferenceCode: v('.i-pref'),
      quantity: qty === null ? null : { value: qty, unit: v('.i-unit') },
      netMassKg: num(v('.i-net')),
      grossMassKg: num(v('.i-gross')),
      customsValue: value,
      valuationMethod: '1',
      procedureCode: v('.i-proc'),
    };
  });
  const inv = num(f('invoiceAmount'));
  return {
    functionCode: '9',
    lrn: f('lrn'),
    type: { code: f('typeCode') || 'IM', additionalType: f('additionalType') },
    officeId: f('officeId'),
    declarationDate: f('declarationDate'),
    parties,
    transport: { borderModeCode: f('borderModeCode'), departureCountry: f('departureCountry'), meansId: f('meansId') },
    goodsLocation: f('goodsLocation'),
    invoiceAmount: inv === null ? null : { amount: inv, currency: f('invoiceCurrency') },
    deliveryTerms: f('deliveryTerms'),
    items: list,
  };
}

function receiptBox(r) {
  return h('div.alert.ok#submit-receipt', { role: 'status' },
    h('strong', r.created === false ? 'Already lodged (same LRN) — nothing duplicated' : 'Declaration lodged'),
    h('p', 'LRN ', h('b', r.lrn), ' → customs reference ', h('a#receipt-link', { href: '#/declaration/' + r.id }, r.id),
      '. Status ', statusBadge(r.status), r.channel ? [' channel ', channelBadge(r.channel)] : null, '.'),
    h('p', h('a', { href: '#/my' }, 'Back to my declarations')));
}

/** Cluster mode (docs/cluster.md): a valid original is queued for the workers and answered 202 with a status link. */
function isQueued(r) {
  return r && r.statusUrl && !r.status;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Shows a queued submission and follows its status link until a worker decided it (then the usual receipt), it was
 * rejected (every reason), or a minute passed (it stays queued and appears under "My declarations" once decided).
 */
async function awaitDecision(out, q) {
  clear(out, h('div.alert.info#submit-receipt', { role: 'status' },
    h('strong', 'Declaration queued for decision'),
    q.id.startsWith('CH-')
      ? h('p', 'Change to LRN ', h('b', q.lrn), ' (submission ', h('b', q.id), '). Waiting for it to be applied…')
      : h('p', 'LRN ', h('b', q.lrn), ' → customs reference ', h('b', q.id), '. Waiting for the risk assessment…')));
  for (let i = 0; i < 120; i++) {
    await sleep(i < 10 ? 300 : 1000);
    let s;
    try {
      s = await get('/intake/' + encodeURIComponent(q.id));
    } catch (err) {
      if (err.status === 404) continue;
      clear(out, problemBox(err));
      return;
    }
    if (s.state === 'QUEUED') continue;
    if (s.state === 'REJECTED') {
      clear(out, problemBox({ status: 422, errors: s.errors || [], detail: 'The declaration was rejected.' }));
      return;
    }
    const receipt = { lrn: q.lrn, id: s.storedId || q.id, status: s.status, channel: s.channel, created: s.state !== 'DUPLICATE' };
    clear(out, receiptBox(receipt));
    toast('Declaration ' + q.lrn + ' lodged as ' + receipt.id);
    return;
  }
  clear(out, h('div.alert.warn#submit-receipt', { role: 'status' }, h('strong', 'Still queued'),
    h('p', 'LRN ', h('b', q.lrn), ' (customs reference ', q.id, ') is waiting for a decision; it appears under ',
      h('a', { href: '#/my' }, 'My declarations'), ' once decided.')));
}

export async function submit(page, params, { user }) {
  page.append(pageTitle('New declaration', 'Lodge an import or export declaration with the form, or upload a file (WCO DEC-DMS XML, JSON, or KCS / JP CSV).'));
  const out = h('div#submit-result');
  const items = h('div.items#items');
  let count = 0;
  // the form needs the national currency; until it is known the page shows that it is still loading
  const wait = loading();
  page.append(wait);
  const currency = await nationalCurrency();
  wait.remove();
  const addItem = () => { items.appendChild(itemRow(++count, currency)); };
  addItem();
  const button = h('button.primary#submit-declaration', { type: 'submit' }, 'Submit declaration');
  const form = h('form#declaration-form.stack', {
    onsubmit: async (e) => {
      e.preventDefault();
      clear(out);
      const d = buildDeclaration(form, items);
      await busy(button, async () => {
        try {
          const r = await post('/declarations', d);
          if (isQueued(r)) {
            await awaitDecision(out, r);
          } else {
            clear(out, receiptBox(r));
            toast('Declaration ' + r.lrn + ' lodged as ' + r.id);
          }
        } catch (err) { clear(out, problemBox(err)); }
      });
      // below the sticky header (scroll-margin-top in style.css), whatever the scroll position
      out.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
  },
  card('Header',
    h('div.grid4',
      field('LRN (your reference)', input('lrn', { required: true, maxlength: 35, placeholder: 'ACME-2026-000417' })),
      field('Type', select('typeCode', [['IM', 'IM – import'], ['EX', 'EX – export'], ['CO', 'CO – special territories'], ['TR', 'TR – transit']])),
      field('Additional type', select('additionalType', [['A', 'A – standard'], ['D', 'D – pre-lodged'], ['Z', 'Z – entry in records']])),
      field('Customs office', input('officeId', { placeholder: 'JPTYO100', value: 'JPTYO100' })),
      field('Declaration date', input('declarationDate', { type: 'date', value: today(), required: true })),
      field('Delivery terms', select('deliveryTerms', ['', 'CIF', 'FOB', 'EXW', 'DAP', 'DDP', 'CFR', 'FCA'])),
      field('Invoice amount', input('invoiceAmount', { type: 'number', min: 0, step: 'any' })),
      field('Invoice currency', input('invoiceCurrency', { value: currency, size: 4 })),
      field('Border transport mode', select('borderModeCode', [['', '—'], ['1', '1 – sea'], ['2', '2 – rail'], ['3', '3 – road'], ['4', '4 – air'], ['5', '5 – post']])),
      field('Departure country', input('departureCountry', { maxlength: 2, placeholder: 'CN' })),
      field('Means of transport id', input('meansId')),
      field('Goods location', input('goodsLocation')),
    )),
  card('Parties',
    h('div.grid4',
      field('Declarant id', input('declarantId', { value: user.partyId || '', readonly: user.role === 'TRADER', required: true })),
      field('Declarant name', input('declarantName')),
      field('Declarant country', input('declarantCountry', { maxlength: 2, placeholder: 'JP' })),
      h('span'),
      field('Importer id', input('importerId', { value: user.partyId || '' })),
      field('Importer name', input('importerName')),
      field('Importer country', input('importerCountry', { maxlength: 2, placeholder: 'JP' })),
      h('span'),
      field('Exporter id', input('exporterId')),
      field('Exporter / seller name', input('exporterName')),
      field('Exporter country', input('exporterCountry', { maxlength: 2, placeholder: 'CN' })),
    )),
  card('Goods items', items, h('button#add-item', { type: 'button', onclick: addItem }, '+ Add item')),
  h('div.actions', button));
  page.append(out, form, uploadCard());
}

function uploadCard() {
  const out = h('div#upload-result');
  const file = h('input#upload-file', { type: 'file', accept: '.xml,.json,.csv,.txt', required: true });
  const csvFormat = select('csvFormat', [['kcs', 'KCS (Korea)'], ['jp', 'JP (Japan NACCS)']], { id: 'upload-format' });
  const button = h('button#upload-button', { type: 'submit' }, 'Upload');
  const form = h('form.stack', {
    onsubmit: async (e) => {
      e.preventDefault();
      clear(out);
      const f = file.files[0];
      if (!f) return;
      const name = f.name.toLowerCase();
      await busy(button, async () => {
        try {
          const text = await f.text();
          let r;
          if (name.endsWith('.xml')) {
            r = await post('/declarations', text, { contentType: 'application/xml' });
            if (isQueued(r)) await awaitDecision(out, r); else clear(out, receiptBox(r));
          } else if (name.endsWith('.csv') || name.endsWith('.txt')) {
            r = await post('/declarations/batch?format=' + csvFormat.value, text, { contentType: 'text/csv' });
            clear(out, batchBox(r));
          } else {
            const trimmed = text.trim();
            if (trimmed.startsWith('[')) {
              r = await post('/declarations/batch', trimmed, { contentType: 'application/json' });
              clear(out, batchBox(r));
            } else {
              r = await post('/declarations', trimmed, { contentType: 'application/json' });
              if (isQueued(r)) await awaitDecision(out, r); else clear(out, receiptBox(r));
            }
          }
        } catch (err) { clear(out, problemBox(err)); }
      });
    },
  }, h('div.grid4', field('File', file, 'XML (WCO DEC-DMS), JSON (one declaration or an array) or CSV'), field('CSV layout', csvFormat)),
  h('div.actions', button));
  return card('Upload a file', form, out);
}

function batchBox(r) {
  if (r.queued !== undefined) {
    const ids = (r.items || []).map((q) => q.id);
    return h('div.alert', { class: r.rejected ? 'warn' : 'info' },
      h('strong', `${r.queued} queued for decision, ${r.duplicates || 0} already known, ${r.applied || 0} applied, ${r.rejected} rejected`),
      r.rejections && r.rejections.length ? h('ul.errors', r.rejections.map((rej) =>
        h('li', 'Row ' + rej.row + ':', fieldErrorList(rej.errors || [])))) : null,
      ids.length ? h('p', 'Queued (they appear under My declarations once decided): ',
        ids.slice(0, 20).map((id) => [h('a', { href: '#/declaration/' + id }, id), ' '])) : null);
  }
  return h('div.alert', { class: r.rejected ? 'warn' : 'ok' },
    h('strong', `${r.accepted} accepted, ${r.duplicates || 0} already known, ${r.rejected} rejected`),
    r.rejections && r.rejections.length ? h('ul.errors', r.rejections.map((rej) =>
      h('li', 'Row ' + rej.row + ':', fieldErrorList(rej.errors || [])))) : null,
    r.ids && r.ids.length ? h('p', 'Lodged: ', r.ids.slice(0, 20).map((id) => [h('a', { href: '#/declaration/' + id }, id), ' '])) : null);
}

