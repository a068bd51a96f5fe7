// Travellers (issue 14): the officers' arrivals board (workspace route), the public traveller page (phone-first,
// English and Japanese, no account) and the e-gate kiosk page. The two public pages are /travel/index.html and
// /travel/kiosk.html; they load this module and start from the body's data-travel-page attribute.
import { get, post, ApiError } from '../api.js';
import { h, clear, pageTitle, card, field, input, select, table, problemBox, busy, toast, kv } from '../ui.js';

// ---------- shared: calls without the workspace's session (travellers have none; the kiosk has its device token)

async function call(method, path, body, headers = {}) {
  const opts = { method, headers: { Accept: 'application/json, application/problem+json', ...headers } };
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined && body !== null) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const res = await fetch('/api/v1' + path, opts);
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { detail: String(data || res.statusText) });
  return data;
}

async function pngDataUrl(path, token) {
  const res = await fetch('/api/v1' + path, { headers: { 'X-Traveller-Token': token } });
  if (!res.ok) throw new ApiError(res.status, { detail: 'The QR code is not available yet.' });
  const blob = await res.blob();
  return new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(r.result); r.readAsDataURL(blob); });
}

// ---------- traveller page

const TEXT = {
  en: {
    title: 'Customs declaration', sub: 'Declare before you land, pay any duty by card and pass the e-gate with your QR code.',
    passport: 'Passport', mrz: 'Machine-readable zone (the two lines at the bottom of the photo page)', orType: 'or type your passport data',
    doc: 'Passport number', surname: 'Surname', given: 'Given names', nat: 'Nationality (3 letters)', birth: 'Date of birth', sex: 'Sex',
    expiry: 'Expiry date', trip: 'Your flight', flight: 'Flight number', arrival: 'Arrival date', questions: 'Are you bringing…',
    q1: 'prohibited or restricted goods (drugs, counterfeit goods…)?', q2: 'meat, plants, fruit or animal products?', q3: 'firearms or weapons?',
    q4: 'cash or bearer instruments over 1,000,000 JPY?', q5: 'commercial goods or samples?', q6: 'unaccompanied baggage (sent separately)?',
    goods: 'Goods bought abroad', alcohol: 'Bottles of alcohol (760 ml)', cigarettes: 'Cigarettes', perfume: 'Perfume (oz)', perfumeValue: 'Perfume value (JPY)',
    other: 'Other goods, total value (JPY)', submit: 'Declare', duty: 'Duty', pay: 'Pay by card', card: 'Card', qr: 'Your QR code',
    download: 'Download PNG', lang: '日本語',
  },
  ja: {
    title: '携帯品・別送品申告', sub: '到着前に申告し、税金をカードで支払い、QRコードで電子申告ゲートを通過できます。',
    passport: '旅券', mrz: '機械読取領域（写真ページ下部の2行）', orType: 'または旅券情報を入力', doc: '旅券番号', surname: '姓', given: '名',
    nat: '国籍（3文字）', birth: '生年月日', sex: '性別', expiry: '有効期限', trip: '便', flight: '便名', arrival: '到着日', questions: '次のものを持っていますか',
    q1: '輸入が禁止・制限されているもの', q2: '肉製品・植物・果物・動物', q3: '銃砲・刀剣類', q4: '100万円相当額を超える現金等',
    q5: '商業貨物・商品サンプル', q6: '別送品', goods: '海外で購入したもの', alcohol: '酒類（760ml 本）', cigarettes: '紙巻たばこ（本）',
    perfume: '香水（オンス）', perfumeValue: '香水の価格（円）', other: 'その他の品物の合計額（円）', submit: '申告する', duty: '税額',
    pay: 'カードで支払う', card: 'カード', qr: 'QRコード', download: 'PNGを保存', lang: 'English',
  },
};

const STORE = 'sc.travel.declaration';

export function travellerPage(root) {
  let lang = (navigator.language || 'en').startsWith('ja') ? 'ja' : 'en';
  const render = () => {
    const t = TEXT[lang];
    document.documentElement.lang = lang;
    const out = h('div#t-result');
    const submit = h('button.primary.travel-wide#t-submit', { type: 'submit' }, t.submit);
    const num = (name, label, attrs = {}) => field(label, input(name, { id: 't-' + name, type: 'number', min: 0, step: 1, inputmode: 'numeric', ...attrs }));
    const check = (name, label) => h('label.field.check.travel-q', input(name, { id: 't-' + name, type: 'checkbox' }), h('span', label));
    const form = h('form.stack#t-form', { onsubmit: async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      const v = (k) => (f.get(k) || '').toString().trim();
      const n = (k) => (v(k) === '' ? 0 : Number(v(k)));
      const items = [];
      if (n('alcohol') > 0) items.push({ kind: 'ALCOHOL', quantity: n('alcohol'), value: 0, description: 'alcohol' });
      if (n('cigarettes') > 0) items.push({ kind: 'TOBACCO', quantity: n('cigarettes'), value: 0, description: 'cigarettes' });
      if (n('perfume') > 0) items.push({ kind: 'PERFUME', quantity: n('perfume'), value: n('perfumeValue'), description: 'perfume' });
      if (n('other') > 0) items.push({ kind: 'OTHER', quantity: 1, value: n('other'), description: 'other goods' });
      const passport = v('mrz') ? { mrz: v('mrz') } : {
        documentNumber: v('doc'), surname: v('surname'), givenNames: v('given'), nationality: v('nat'),
        birthDate: v('birth') || null, sex: v('sex') || null, expiryDate: v('expiry') || null,
      };
      const body = {
        passport, flight: v('flight'), arrivalDate: v('arrival') || null, items,
        answers: Object.fromEntries(['prohibitedOrRestricted', 'meatOrPlants', 'firearms', 'cashOverThreshold', 'commercialGoods', 'unaccompaniedBaggage']
          .map((k) => [k, f.get(k) === 'on'])),
      };
      await busy(submit, async () => {
        try {
          const d = await call('POST', '/travellers/declarations', body);
          sessionStorage.setItem(STORE, JSON.stringify({ id: d.id, token: d.accessToken }));
          showDeclaration(out, d, d.accessToken, t);
        } catch (err) { clear(out, problemBox(err)); }
      });
    } },
    card(t.passport,
      field(t.mrz, h('textarea.mono.travel-mrz#t-mrz', { name: 'mrz', rows: 2, wrap: 'off', spellcheck: 'false', autocapitalize: 'characters' })),
      h('details.travel-typed', h('summary', t.orType),
        h('div.travel-grid', field(t.doc, input('doc', { id: 't-doc' })), field(t.surname, input('surname', { id: 't-surname' })),
          field(t.given, input('given', { id: 't-given' })), field(t.nat, input('nat', { id: 't-nat', maxlength: 3 })),
          field(t.birth, input('birth', { id: 't-birth', type: 'date' })), field(t.sex, select('sex', ['', 'F', 'M', 'X'], { id: 't-sex' })),
          field(t.expiry, input('expiry', { id: 't-expiry', type: 'date' }))))),
    card(t.trip, h('div.travel-grid',
      field(t.flight, input('flight', { id: 't-flight', required: true, placeholder: 'NH212', autocapitalize: 'characters' })),
      field(t.arrival, input('arrival', { id: 't-arrival', type: 'date', required: true, value: new Date().toISOString().slice(0, 10) })))),
    card(t.questions, check('prohibitedOrRestricted', t.q1), check('meatOrPlants', t.q2), check('firearms', t.q3),
      check('cashOverThreshold', t.q4), check('commercialGoods', t.q5), check('unaccompaniedBaggage', t.q6)),
    card(t.goods, h('div.travel-grid', num('alcohol', t.alcohol), num('cigarettes', t.cigarettes), num('perfume', t.perfume),
      num('perfumeValue', t.perfumeValue), num('other', t.other))),
    h('div.actions', submit));
    clear(root,
      h('header.travel-top', h('span.travel-brand', 'SMART Customs'),
        h('button.link.travel-lang#t-lang', { type: 'button', onclick: () => { lang = lang === 'en' ? 'ja' : 'en'; render(); } }, t.lang)),
      h('main.travel-main', pageTitle(t.title, t.sub), form, out));
    const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    if (saved) call('GET', '/travellers/declarations/' + encodeURIComponent(saved.id), null, { 'X-Traveller-Token': saved.token })
      .then((d) => showDeclaration(out, d, saved.token, t)).catch(() => sessionStorage.removeItem(STORE));
  };
  render();
}

function showDeclaration(out, d, token, t) {
  const yen = (n) => Number(n).toLocaleString('en') + ' ' + d.currency;
  const lines = (d.duty && d.duty.lines) || [];
  const result = card(t.duty,
    h('p.travel-explanation#t-explanation', d.duty ? d.duty.explanation : ''),
    h('ul.travel-lines#t-duty-lines', lines.map((l) => h('li', l.explanation))),
    kv([['Declaration', h('span.mono#t-id', d.id)], ['Duty due', h('b#t-duty', yen(d.dutyDue))], ['Paid', h('span#t-paid', yen(d.paid))]]),
    h('p.travel-message#t-message', d.message));
  const pay = h('div#t-payment');
  const qr = h('div#t-qr');
  clear(out, result, pay, qr);
  if (d.paymentRequired) {
    const button = h('button.primary.travel-wide#t-pay', { type: 'button' }, t.pay + ' — ' + yen(d.dutyDue - d.paid + d.refunded));
    const cardSel = select('card', [['tok_visa_4242', 'Visa •••• 4242 (demo)'], ['tok_mastercard_4444', 'Mastercard •••• 4444 (demo)'],
      ['tok_declined', 'Declined card (demo)']], { id: 't-card' });
    const key = 'pay-' + d.id + '-' + Math.random().toString(36).slice(2, 10);
    const msg = h('div#t-pay-result');
    button.addEventListener('click', () => busy(button, async () => {
      try {
        const p = await call('POST', '/travellers/declarations/' + encodeURIComponent(d.id) + '/payments', { cardToken: cardSel.value },
          { 'X-Traveller-Token': token, 'Idempotency-Key': key });
        const fresh = await call('GET', '/travellers/declarations/' + encodeURIComponent(d.id), null, { 'X-Traveller-Token': token });
        showDeclaration(out, fresh, token, t);
        document.getElementById('t-payment').appendChild(h('p.alert.ok#t-receipt', p.receipt || 'Paid.'));
      } catch (err) { clear(msg, problemBox(err)); }
    }));
    clear(pay, card(t.pay, field(t.card, cardSel), h('div.actions', button), msg));
  }
  if (d.qr) {
    const img = h('img.travel-qr#t-qr-img', { alt: t.qr, width: 280, height: 280 });
    const link = h('a.button#t-qr-download', { download: 'customs-qr-' + d.id + '.png', href: '#' }, t.download);
    clear(qr, card(t.qr, h('div.travel-qrbox', img), h('p.small.muted', d.message),
      h('details', h('summary.small', 'Code text'), h('p.mono.small.travel-payload#t-qr-payload', d.qr.payload)), h('div.actions', link)));
    pngDataUrl(d.qr.pngUrl.replace(/^\/api\/v1/, ''), token).then((url) => { img.src = url; link.href = url; img.dataset.ready = 'true'; })
      .catch((err) => qr.appendChild(problemBox(err)));
  }
}

// ---------- kiosk (e-gate simulator)

const GATE = 'sc.travel.gate';

export function kioskPage(root) {
  const tokenIn = h('input.mono#k-token', { type: 'password', placeholder: 'device token (role GATE)', value: sessionStorage.getItem(GATE) || '' });
  const mrz = h('textarea.mono.travel-mrz#k-mrz', { rows: 2, wrap: 'off', spellcheck: 'false', placeholder: 'P<JPN…' });
  const qrText = h('textarea.mono#k-qr', { rows: 3, spellcheck: 'false', placeholder: 'QR content (from a scanner)' });
  const image = h('input#k-image', { type: 'file', accept: 'image/*', capture: 'environment' });
  const out = h('div#k-result');
  const scan = h('button.primary.travel-wide#k-scan', { type: 'button' }, 'Scan');
  scan.addEventListener('click', () => busy(scan, async () => {
    sessionStorage.setItem(GATE, tokenIn.value.trim());
    const headers = { Authorization: 'Bearer ' + tokenIn.value.trim() };
    try {
      let r;
      if (image.files && image.files.length) {
        const f = new FormData();
        f.append('image', image.files[0]);
        f.append('mrz', mrz.value.trim());
        r = await call('POST', '/egate/scan', f, headers);
      } else {
        r = await call('POST', '/egate/scan', { qr: qrText.value.trim(), mrz: mrz.value.trim() }, headers);
      }
      const cls = r.decision === 'OPEN' ? 'travel-open' : r.decision === 'INSPECT' ? 'travel-inspect' : 'travel-refused';
      clear(out,
        h('div.travel-gate.' + cls + '#k-decision', { 'data-decision': r.decision }, h('div.travel-gate-word', r.decision === 'OPEN' ? 'GATE OPEN' : 'STOP'),
          h('p#k-message', r.message)),
        card('Officer view (manned counter)', kv([['Decision', r.decision], ['Reason', r.reason || '—'], ['Declaration', r.declarationId || '—']]),
          h('ul#k-reasons', (r.reasons || []).map((x) => h('li', x)))));
      image.value = '';
    } catch (err) { clear(out, problemBox(err)); }
  }));
  clear(root,
    h('header.travel-top', h('span.travel-brand', 'SMART Customs — e-gate kiosk')),
    h('main.travel-main',
      card('Device', field('Device token', tokenIn)),
      card('Passport', field('MRZ read at the gate (two lines)', mrz)),
      card('QR code', field('Photo or image of the QR code', image, 'camera on a phone, or an image file'), h('p.muted.small', 'or'),
        field('Scanned text', qrText)),
      h('div.actions', scan), out));
}

// ---------- officers: arrivals board (workspace route #/arrivals)

const RESULTS = ['NOTHING_FOUND', 'DUTY_COLLECTED', 'UNDECLARED_GOODS', 'PROHIBITED_GOODS_SEIZED', 'CASH_DETAINED'];
/** Results that seize or detain goods: the officer says what, how much and where it was hidden (a seizure record follows). */
const SEIZING = ['PROHIBITED_GOODS_SEIZED', 'CASH_DETAINED'];
const RULE_WRITERS = ['ANALYST', 'ADMIN'];

/** The analysts' passenger-data rules with their outcomes; ANALYST/ADMIN create and disable them. */
async function passengerRules(box, ctx) {
  const writer = ctx && ctx.user && RULE_WRITERS.includes(ctx.user.role);
  const reload = () => passengerRules(box, ctx);
  try {
    const [rules, vars] = await Promise.all([get('/travel/passenger-rules'), get('/travel/passenger-rules/variables')]);
    const form = h('form.stack#prule-form', { onsubmit: async (e) => {
      e.preventDefault();
      const msg = box.querySelector('#prule-result');
      try {
        const r = await post('/travel/passenger-rules', { name: box.querySelector('#f-pruleName').value,
          expression: box.querySelector('#f-pruleExpr').value, reason: box.querySelector('#f-pruleReason').value });
        toast('Rule ' + r.id + ' in force.');
        await reload();
      } catch (err) { clear(msg, problemBox(err)); }
    } },
    h('h3', 'New rule'), h('div.grid2', field('Name', input('pruleName', { required: true })), field('Reason the officer reads', input('pruleReason', { required: true }))),
    field('Expression (CEL)', h('input.mono#f-pruleExpr', { required: true, placeholder: "departure == 'GRU' && age < 25 && group_size == 1" }),
      'variables: ' + vars.map((v) => v.name + ' (' + v.type + ')').join(', ')),
    h('div.actions', h('button.primary', { type: 'submit' }, 'Create rule')), h('div#prule-result'));
    clear(box, table([
      { label: 'Rule', render: (r) => h('span', h('b', r.id), ' ', r.name) },
      { label: 'Expression', render: (r) => h('code', r.expression) },
      { label: 'Reason', key: 'reason' },
      { label: 'In force', render: (r) => (r.enabled ? 'yes' : 'no') },
      { label: 'Referrals', key: 'referrals', cls: 'num' }, { label: 'Results', key: 'results', cls: 'num' },
      { label: 'Findings', key: 'findings', cls: 'num' },
      { label: '', render: (r) => (writer && r.enabled ? h('button', { type: 'button', onclick: async () => {
        try { await post('/travel/passenger-rules/' + r.id + '/disable', {}); await reload(); } catch (err) { toast(err.detail || String(err), 'error'); }
      } }, 'Disable') : '') },
    ], rules, { id: 'passenger-rules', rowId: (r) => r.id, empty: 'No passenger-data rule.' }), writer ? form : '');
  } catch (err) { clear(box, problemBox(err)); }
}

export async function arrivals(page, params = {}, ctx = null) {
  const today = new Date().toISOString().slice(0, 10);
  page.append(pageTitle('Arrivals', 'Flights with advance passenger information, travellers\' declarations, e-gate passes and referrals.'));
  const board = h('div#arrivals-board');
  const flights = h('div#arrivals-flights');
  const upload = h('form.stack#paxlst-form', { onsubmit: async (e) => {
    e.preventDefault();
    const fl = page.querySelector('#f-paxFlight').value.trim();
    const date = page.querySelector('#f-paxDate').value;
    const file = page.querySelector('#f-paxFile').files[0];
    const text = file ? await file.text() : page.querySelector('#f-paxText').value;
    const msg = page.querySelector('#paxlst-result');
    try {
      const r = await post('/flights/' + encodeURIComponent(fl) + '/passengers?date=' + date, text, { contentType: 'text/plain' });
      clear(msg, h('p.alert.ok', r.passengers + ' passengers of ' + r.flight + ' screened: ' + r.watchHits
        + ' with a hit (watch list, enforcement database or passenger-data rule).'));
      await loadFlights();
    } catch (err) { clear(msg, problemBox(err)); }
  } },
  h('div.grid4', field('Flight', input('paxFlight', { placeholder: 'NH212', required: true })),
    field('Arrival date', input('paxDate', { type: 'date', value: today })),
    field('File (PAXLST, CSV, JSON)', input('paxFile', { type: 'file' }))),
  field('or paste', h('textarea.mono#f-paxText', { rows: 3 })), h('div.actions', h('button.primary', { type: 'submit' }, 'Import and screen')),
  h('div#paxlst-result'));
  async function loadFlights() {
    try {
      const list = await get('/flights');
      clear(flights, table([
        { label: 'Flight', render: (f) => h('a', { href: '#', 'data-flight': f.flight, onclick: (e) => { e.preventDefault(); open(f.flight, f.arrivalDate); } }, f.flight) },
        { label: 'Arrival', key: 'arrivalDate' }, { label: 'Passengers', key: 'passengers', cls: 'num' },
        { label: 'Screening hits', key: 'watchHits', cls: 'num' }, { label: 'Declarations', key: 'declarations', cls: 'num' },
        { label: 'E-gate passes', key: 'passes', cls: 'num' }, { label: 'Referrals', key: 'referrals', cls: 'num' },
        { label: 'Refused codes', key: 'refusals', cls: 'num' },
      ], list, { id: 'flights-table', rowId: (f) => f.flight + '/' + f.arrivalDate, empty: 'No flight today.' }));
    } catch (err) { clear(flights, problemBox(err)); }
  }
  async function open(flight, date) {
    clear(board, h('p.muted', 'Loading…'));
    try {
      const a = await get('/flights/' + encodeURIComponent(flight) + '/arrivals', { date });
      const results = (ev) => {
        if (ev.decision !== 'INSPECT') return '—';
        if (ev.result) {
          return h('span', h('b', ev.result), ev.resultNote ? ' — ' + ev.resultNote : '', h('span.muted.small', ' (' + ev.resultBy + ')'),
            ev.seizureId ? h('div.small', 'seizure ', h('a.seizure-link', { href: '#/enforcement/seizure/' + encodeURIComponent(ev.seizureId) }, ev.seizureId)) : '');
        }
        const sel = select('result-' + ev.id, RESULTS, { id: 'result-' + ev.id });
        const note = h('input', { placeholder: 'note', id: 'note-' + ev.id });
        const goods = h('input', { placeholder: 'goods found (e.g. cocaine)', id: 'goods-' + ev.id });
        const qty = h('input', { type: 'number', step: 'any', min: '0', placeholder: 'quantity', id: 'qty-' + ev.id, style: 'width:7em' });
        const unit = h('input', { placeholder: 'unit (KG, JPY…)', id: 'unit-' + ev.id, style: 'width:8em' });
        const hidden = h('input', { placeholder: 'concealment (e.g. suitcase lining)', id: 'conceal-' + ev.id });
        const seizure = h('div.travel-seizure', { id: 'seizure-' + ev.id, hidden: true }, goods, qty, unit, hidden);
        sel.addEventListener('change', () => { seizure.hidden = !SEIZING.includes(sel.value) && sel.value !== 'UNDECLARED_GOODS'; });
        const b = h('button', { type: 'button', id: 'record-' + ev.id }, 'Record');
        b.addEventListener('click', () => busy(b, async () => {
          try {
            const found = !seizure.hidden && goods.value.trim()
              ? { goods: goods.value.trim(), quantity: qty.value === '' ? null : Number(qty.value), unit: unit.value.trim() || null,
                concealment: hidden.value.trim() || null } : null;
            await post('/travel/gate-events/' + ev.id + '/result', { result: sel.value, note: note.value || null, seizure: found });
            toast('Result recorded.');
            await open(flight, date);
          } catch (err) { toast(err.detail || String(err), 'error'); }
        }));
        return h('span.travel-result', sel, note, seizure, b);
      };
      clear(board,
        card('Flight ' + a.flight + ' — ' + a.arrivalDate + (a.passengerListReceived ? '' : ' (no passenger list received)'),
          h('h3', 'E-gate and referrals'),
          table([
            { label: 'Time', render: (e) => new Date(e.scannedAt).toLocaleTimeString() },
            { label: 'Declaration', render: (e) => e.declarationId },
            { label: 'Decision', render: (e) => h('span.badge.travel-' + e.decision.toLowerCase(), e.decision) },
            { label: 'Reasons', render: (e) => h('ul.travel-reasons', (e.reasons || []).map((r) => h('li', r))) },
            { label: 'Result', render: results },
          ], a.gateEvents, { id: 'gate-events', rowId: (e) => e.id, empty: 'No e-gate scan yet.' }),
          h('h3', 'Declarations'),
          table([
            { label: 'Id', key: 'id' }, { label: 'Traveller', key: 'name' }, { label: 'Nationality', key: 'nationality' },
            { label: 'Status', key: 'status' }, { label: 'Duty', render: (d) => d.dutyDue + ' ' + d.currency },
            { label: 'Paid', render: (d) => d.paid + ' ' + d.currency },
            { label: 'Declared', render: (d) => (d.declaredAnswers || []).join('; ') },
            { label: 'On list', render: (d) => (d.onPassengerList ? 'yes' : 'no') },
          ], a.declarations, { id: 'travel-declarations', rowId: (d) => d.id, empty: 'No declaration received.' }),
          h('h3', 'Passengers (advance information)'),
          table([
            { label: 'Name', key: 'name' }, { label: 'Born', key: 'birthDate' }, { label: 'Nationality', key: 'nationality' },
            { label: 'Declaration', render: (p) => p.declarationId },
            { label: 'Screening', render: (p) => (p.watchHits.length ? h('ul.travel-reasons.travel-hit', p.watchHits.map((x) => h('li', x))) : 'no hit') },
          ], a.passengers, { id: 'travel-passengers', rowId: (p) => p.id, empty: 'No passenger list.' })));
    } catch (err) { clear(board, problemBox(err)); }
  }
  const rulesBox = h('div#passenger-rules-box');
  page.append(card('Flights', flights), board, card('Import a passenger list', upload),
    card('Passenger-data rules', h('p.muted.small', 'Evaluated on every passenger list and at the e-gate; a hit sends the traveller to the counter with the rule\'s reason. '
      + 'Results recorded above are each rule\'s outcomes.'), rulesBox));
  await Promise.all([loadFlights(), passengerRules(rulesBox, ctx)]);
  if (params.flight) await open(params.flight, params.date || today);
}

// ---------- the public pages start themselves

const which = typeof document !== 'undefined' && document.body ? document.body.dataset.travelPage : null;
if (which === 'traveller') travellerPage(document.getElementById('travel-root'));
if (which === 'kiosk') kioskPage(document.getElementById('travel-root'));
