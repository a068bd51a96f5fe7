// Declaration detail: facts, parties, items, risk scorecard and reasons, tariff assessment, documents,
// history, inspections; officer forms (record inspection result, override channel); trader cancel.
import { get, post } from '../api.js';
import { paymentCard } from './payments.js';
import {
  h, clear, table, channelBadge, statusBadge, levelBadge, scoreBar, fmtDate, fmtMoney, fmtNum, problemBox,
  pageTitle, card, field, input, select, kv, busy, toast, loading, formValues,
} from '../ui.js';

const OPEN = ['SUBMITTED', 'ACCEPTED', 'RISK_ASSESSED', 'UNDER_CONTROL'];
const OUTCOMES = ['NO_IRREGULARITY', 'UNDERVALUATION', 'MISCLASSIFICATION', 'ORIGIN', 'PROHIBITED_GOODS', 'IPR_INFRINGEMENT', 'OTHER'];
const SOURCE_LABEL = { RULE: 'Rule', WATCHLIST: 'Watch list', MODEL: 'Model', RANDOM: 'Random', AEO: 'AEO', ENFORCEMENT: 'Enforcement', CLASSIFICATION: 'Classification' };
const SOURCE_CLASS = { RULE: 'blue', WATCHLIST: 'orange', MODEL: 'purple', RANDOM: 'grey', AEO: 'green', ENFORCEMENT: 'red', CLASSIFICATION: 'orange' };

export function chargeText(c) {
  if (!c) return '—';
  const parts = [];
  parts.push(h('b', fmtMoney(c.amount)));
  const rate = c.rate && c.rate !== 'none' ? c.rate : null;
  const how = [c.regime, c.agreement, rate ? 'rate ' + rate : null].filter(Boolean).join(' · ');
  if (how) parts.push(h('span.muted', ' (' + how + ')'));
  if (c.reason) parts.push(h('div.reason', c.reason));
  return h('span', parts);
}


export async function render(page, { id }, { user, go }) {
  const body = h('div', loading());
  page.append(body);
  let v;
  try {
    v = await get('/declarations/' + encodeURIComponent(id));
  } catch (e) {
    clear(body, pageTitle('Declaration ' + id), problemBox(e));
    return;
  }
  const d = v.declaration || {};
  const isTrader = user.role === 'TRADER';
  // a trader's page never reads the risk fields, even if an answer carried them
  const risk = isTrader ? null : v.risk;
  const assessment = v.assessment;
  const channel = v.channel;
  const score = isTrader ? null : v.riskScore;
  const isOfficer = user.role === 'OFFICER' || user.role === 'ADMIN';
  const party = (role) => (d.parties || []).find((p) => p.role === role) || {};
  const paymentsBox = h('div#payment-orders-box');
  const controlPayments = h('div#control-payments');

  clear(body,
    h('div.pagehead.detailhead',
      h('h1', 'Declaration ', h('span.mono#detail-id', v.id)),
      h('div.headbadges', statusBadge(v.status), channel ? channelBadge(channel) : null,
        score !== null && score !== undefined && !isTrader ? scoreBar(score) : null)),
    h('div.cols',
      card('Facts', kv([
        ['LRN', v.lrn], ['Type', d.type ? (d.type.code + (d.type.additionalType || '')) : null],
        ['Customs office', d.officeId], ['Declaration date', d.declarationDate],
        ['Declarant', v.declarantId], ['Importer', party('IMPORTER').id || party('IMPORTER').name],
        ['Invoice amount', fmtMoney(d.invoiceAmount)], ['Delivery terms', d.deliveryTerms],
        ['Transport', d.transport ? [d.transport.borderModeCode && 'mode ' + d.transport.borderModeCode,
          d.transport.departureCountry && 'from ' + d.transport.departureCountry,
          d.transport.meansId && 'means ' + d.transport.meansId].filter(Boolean).join(', ') : null],
        ['Goods location', d.goodsLocation],
        ['Version', String(v.version)], ['Submitted', fmtDate(v.submittedAt)], ['Updated', fmtDate(v.updatedAt)],
        isTrader ? null : ['Model version', v.modelVersion],
      ])),
      isTrader ? traderControlCard(v, channel, controlPayments) : riskCard(risk, channel, score)),
    card('Parties', table([
      { label: 'Role', render: (p) => String(p.role).replace(/_/g, ' ') },
      { label: 'Id', key: 'id' }, { label: 'Name', key: 'name' }, { label: 'Country', key: 'country' },
      { label: 'Category', key: 'category' },
    ], d.parties || [])),
    card('Goods items', table([
      { label: '#', key: 'sequence', cls: 'num' },
      { label: 'Description', key: 'description' },
      { label: 'HS code', render: (i) => h('span.mono', i.commodityCode) },
      { label: 'Origin', render: (i) => [i.originCountry, i.preferentialOriginCountry ? ' (pref. ' + i.preferentialOriginCountry + ')' : ''] },
      { label: 'Quantity', render: (i) => (i.quantity ? fmtNum(i.quantity.value, 3) + ' ' + (i.quantity.unit || '') : null), cls: 'num' },
      { label: 'Net / gross kg', render: (i) => fmtNum(i.netMassKg, 3) + ' / ' + fmtNum(i.grossMassKg, 3), cls: 'num' },
      { label: 'Customs value', render: (i) => fmtMoney(i.customsValue || i.statisticalValue), cls: 'num' },
      { label: 'Procedure', key: 'procedureCode' },
      { label: 'Preference', key: 'preferenceCode' },
    ], d.items || [], { id: 'items-table' })),
    assessmentCard(assessment, d),
    paymentsBox,
    paymentCard(v.id, user),
    documentsCard(d),
    isTrader ? card('Status history', table([
      { label: 'When', render: (x) => fmtDate(x.at) },
      { label: 'Status', render: (x) => statusBadge(x.status) },
      { label: 'What happened', render: (x) => traderStep(v, x) }, { label: 'By', render: (x) => traderActor(x, user) },
    ], v.history || [], { id: 'history' })) : card('Status history', table([
      { label: 'When', render: (x) => fmtDate(x.at) },
      { label: 'Status', render: (x) => statusBadge(x.status) },
      { label: 'Reason', key: 'reason' }, { label: 'By', key: 'actor' },
    ], v.history || [], { id: 'history' })),
  );

  loadPaymentOrders(v.id, paymentsBox, controlPayments);
  if (user.role !== 'TRADER') {
    const insp = h('div#inspections', loading());
    body.append(card('Inspection results', insp));
    loadInspections(v.id, insp);
  }
  if (isOfficer && OPEN.includes(v.status)) {
    const reload = () => go('declaration/' + v.id);
    const mayReclassify = v.status === 'UNDER_CONTROL' && user.role === 'OFFICER';
    const blocked = assessment && assessment.complete === false;
    // an incomplete assessment comes first: the officer must assess or reclassify before anything can be released
    if (mayReclassify && blocked) body.append(reclassifyCard(v, reload));
    body.append(h('div.cols', inspectionForm(v, (assessment && assessment.currency) || 'JPY', reload),
      overrideForm(v, reload)));
    if (mayReclassify && !blocked) body.append(reclassifyCard(v, reload));
    if (v.status === 'UNDER_CONTROL') body.append(correctionCard(v, reload));
  } else if (isOfficer) {
    body.append(h('p.notice#closed-note', 'This declaration is ' + String(v.status).replace(/_/g, ' ').toLowerCase()
      + ': no inspection result or channel override can be recorded any more.'));
  }
  const underControl = v.status === 'UNDER_CONTROL' || v.channel === 'YELLOW' || v.channel === 'RED';
  if (user.role === 'TRADER' && OPEN.includes(v.status) && underControl) {
    body.append(card('Actions', h('p.muted#control-final', 'The declaration is under customs control: it can no longer be amended or '
      + 'cancelled by you. ' + (v.correctionAllowed ? 'Customs allows you one amendment; send it as an amendment message.'
        : 'Contact the customs office if a correction is needed.'))));
  } else if (user.role === 'TRADER' && OPEN.includes(v.status)) {
    const out = h('div');
    const b = h('button.danger#cancel-declaration', { type: 'button' }, 'Cancel this declaration');
    b.addEventListener('click', () => busy(b, async () => {
      if (!window.confirm('Cancel declaration ' + v.id + '?')) return;
      try {
        await post('/declarations/' + v.id + '/cancel', { reason: 'cancelled by the declarant' });
        toast('Declaration cancelled.');
        go('declaration/' + v.id);
      } catch (e) { clear(out, problemBox(e)); }
    }));
    body.append(card('Actions', h('p.muted', 'Until the goods are released you may cancel the declaration.'), b, out));
  }
}

/** Traders see the control channel, never the targeting reasons (they would teach how to evade them). */
function traderControlCard(v, channel, payments) {
  const controlled = channel === 'YELLOW' || channel === 'RED' || (v.history || []).some((x) => x.status === 'UNDER_CONTROL');
  const closed = {
    RELEASED: controlled ? 'Control completed: the goods are released.' : 'Released without control.',
    CLEARED: 'The declaration is cleared.', CANCELLED: 'The declaration is cancelled.', REJECTED: 'The declaration is rejected.',
  };
  const text = closed[v.status] ? closed[v.status]
    : v.status === 'UNDER_CONTROL' && v.assessment && v.assessment.complete === false
      ? 'Held by customs: duty and taxes could not be assessed for every item; customs completes the assessment before release.'
    : !channel ? 'Customs has not decided on controls yet.'
    : channel === 'GREEN' ? 'Green channel: no (further) control; the goods can be released once duties are secured.'
      : channel === 'YELLOW' ? 'Documentary check: customs may ask you for documents.'
        : 'Physical inspection: customs will examine the goods.';
  const done = ['RELEASED', 'CLEARED'].includes(v.status);
  return card('Control', h('p#control-status', done ? h('span.badge.green', 'Done') : channel ? channelBadge(channel) : null, ' ', text),
    payments,
    v.nextStep ? h('div.nextstep#next-step', h('strong', 'What to do next: '), v.nextStep) : null,
    h('p.muted.small', 'Follow the notifications for the next steps.'));
}

/** Payment orders of the declaration (additional duty after a control): a card, and the amount due in the Control card. */
async function loadPaymentOrders(id, box, summary) {
  let orders;
  try {
    orders = await get('/declarations/' + encodeURIComponent(id) + '/payment-orders');
  } catch (e) { clear(box, card('Payment orders', problemBox(e))); return; }
  if (!orders || orders.length === 0) return;
  const money = (amount, currency) => fmtMoney({ amount, currency });
  clear(box, card('Payment orders', table([
    { label: 'Reference', render: (o) => h('span.mono', o.reference) },
    { label: 'For', render: (o) => (o.kind === 'ADDITIONAL_DUTY' ? 'Additional duty after customs control' : o.kind) },
    { label: 'Amount due', render: (o) => h('b', money(o.amount, o.currency)), cls: 'num' },
    { label: 'Due date', key: 'dueDate' },
    { label: 'Duty and taxes before', render: (o) => money(o.assessedTotal, o.currency), cls: 'num' },
    { label: 'New total', render: (o) => h('b', money(o.newTotal, o.currency)), cls: 'num' },
    { label: 'Issued', render: (o) => fmtDate(o.issuedAt) },
  ], orders, { id: 'payment-orders' })));
  const last = orders[orders.length - 1];
  clear(summary, h('div.paymentorder.alert.warn',
    h('strong', 'Payment due: '), h('span.amount', money(orders.reduce((t, o) => t + Number(o.amount), 0), last.currency)),
    ' by ', h('b', last.dueDate), ' (reference ', h('span.mono', last.reference), ')',
    last.newTotal !== null && last.newTotal !== undefined ? h('div.small', 'Duty and taxes on the declaration now total ' + money(last.newTotal, last.currency) + '.') : null));
}

const TRADER_STEP = {
  SUBMITTED: 'Declaration received', ACCEPTED: 'Declaration accepted', RISK_ASSESSED: 'Risk assessment done',
  UNDER_CONTROL: 'Selected for control', RELEASED: 'Goods released', CLEARED: 'Declaration cleared',
  REJECTED: 'Declaration rejected', CANCELLED: 'Declaration cancelled',
};

/**
 * A history line for a trader: the server's trader text (the trader form of the view carries nextStep); with
 * any other answer only the status, so that an internal reason can never reach the page.
 */
function traderStep(v, x) {
  return v.nextStep !== undefined && x.reason ? x.reason : TRADER_STEP[x.status] || String(x.status).replace(/_/g, ' ').toLowerCase();
}

/** Who acted, for a trader: the declarant, the trader themself, or customs (never an officer's name). */
function traderActor(x, user) {
  if (x.actor === 'declarant' || x.actor === 'customs') return x.actor;
  if (x.status === 'SUBMITTED') return 'declarant';
  return x.actor && x.actor === user.username ? x.actor : 'customs';
}

function riskCard(risk, channel, score) {
  if (!risk) {
    return card('Risk assessment', h('p.muted#risk-none', channel
      ? 'Channel ' + channel + ' (score ' + (score ?? '—') + '); no detailed decision stored.'
      : 'Not risk-assessed yet.'));
  }
  const card0 = risk.scorecard;
  const reasons = risk.reasons;
  return card('Risk assessment',
    h('div.riskhead', h('span.bigscore', String(risk.score), h('small', '/100')), channelBadge(risk.channel),
      risk.randomlySelected ? h('span.badge.grey#random-flag', 'Random selection') : null,
      risk.modelVersion && risk.modelVersion !== 'none'
        ? h('span.muted', ' fraud probability ' + (Number(risk.fraudProbability) * 100).toFixed(1) + ' %') : null),
    h('table.scorecard#scorecard', h('tbody', Object.entries(card0).map(([threat, level]) =>
      h('tr', { class: 'lvl-' + String(level).toLowerCase() }, h('th', threat.charAt(0) + threat.slice(1).toLowerCase()), h('td', levelBadge(level), ' ', String(level).toLowerCase())))) ),
    h('h3', 'Why'),
    reasons.length === 0 ? h('p.muted', 'No specific reason: score from the base profile.') :
      h('ol.reasons#reasons', reasons.map((r) => h('li',
        h('span.badge.' + (SOURCE_CLASS[r.source] || 'grey'), SOURCE_LABEL[r.source] || r.source),
        ' ', r.text,
        r.weight !== undefined && r.weight !== null ? h('span.muted.weight', ' weight ' + fmtNum(r.weight, 2)) : null))),
    risk.ruleVersions.length || risk.modelVersion
      ? h('p.muted.small', 'Model ' + (risk.modelVersion || 'none') + (risk.ruleVersions.length ? ' · rules ' + risk.ruleVersions.join(', ') : ''))
      : null);
}

function assessmentCard(a, d) {
  if (!a) return card('Duty and taxes', h('p.muted#assessment-none', 'Not assessed yet.'));
  const items = a.items || [];
  const errors = a.errors || [];
  const codeOf = (seq) => ((d.items || []).find((i) => i.sequence === seq) || {}).commodityCode;
  return card('Duty and taxes',
    a.complete === false || errors.length ? h('div.alert.warn#assessment-incomplete',
      h('strong', 'Assessment incomplete: these items could not be assessed and need an officer'),
      h('ul.errors', errors.map((e) => h('li', { title: e.code || '' }, 'Item ' + e.sequence,
        codeOf(e.sequence) ? [' (', h('span.mono', codeOf(e.sequence)), ')'] : null, ': ', itemMessage(e))))) : null,
    table([
      { label: '#', key: 'sequence', cls: 'num' },
      { label: 'HS code', render: (i) => h('span.mono', i.commodityCode) },
      { label: 'Origin', key: 'origin' },
      { label: 'Customs value', render: (i) => h('span', fmtMoney(i.customsValue),
        i.exchangeRate ? h('div.muted.small', 'at ' + i.exchangeRate + ' from ' + fmtMoney(i.declaredValue)) : null), cls: 'num' },
      { label: 'Duty', render: (i) => chargeText(i.duty) },
      { label: 'Excise', render: (i) => chargeText(i.excise) },
      { label: 'Consumption tax', render: (i) => chargeText(i.vat) },
      { label: 'Total', render: (i) => h('b', fmtMoney(i.total)), cls: 'num' },
    ], items, { id: 'assessment', empty: 'No item could be assessed.' }),
    items.some((i) => i.explanation) ? h('ul.explanations', items.filter((i) => i.explanation).map((i) =>
      h('li', h('b', 'Item ' + i.sequence + ': '), i.explanation))) : null,
    kv([['Customs value', fmtMoney(a.customsValue)], ['Duty', fmtMoney(a.duty)], ['Excise', fmtMoney(a.excise)],
      ['Consumption tax', fmtMoney(a.vat)], ['Total', h('b.total', fmtMoney(a.total))], a.date ? ['Rates as of', a.date] : null]));
}

function documentsCard(d) {
  const rows = [];
  for (const doc of d.additionalDocuments || []) rows.push({ where: 'Declaration', kind: 'Additional', ...doc });
  for (const i of d.items || []) {
    for (const doc of i.previousDocuments || []) rows.push({ where: 'Item ' + i.sequence, kind: 'Previous', ...doc });
    for (const doc of i.additionalDocuments || []) rows.push({ where: 'Item ' + i.sequence, kind: 'Additional', ...doc });
  }
  return card('Documents', table([
    { label: 'Where', key: 'where' }, { label: 'Kind', key: 'kind' }, { label: 'Category', key: 'category' },
    { label: 'Type', key: 'typeCode' }, { label: 'Reference', render: (x) => h('span.mono', x.id) },
  ], rows, { empty: 'No documents referenced.' }));
}

async function loadInspections(id, out) {
  try {
    const items = await get('/declarations/' + id + '/inspections');
    clear(out, table([
      { label: 'When', render: (x) => fmtDate(x.recordedAt) },
      { label: 'Officer', key: 'officer' },
      { label: 'Outcome', render: (x) => h('span.badge.' + (x.irregular ? 'red' : 'green'), x.outcome.replace(/_/g, ' ')) },
      { label: 'Additional duty', render: (x) => fmtMoney(x.additionalDuty) },
      { label: 'Seizure', render: (x) => (x.seizure ? [x.seizure.goods, x.seizure.quantity, x.seizure.unit].filter(Boolean).join(' ') : null) },
      { label: 'Decision', render: (x) => x.decision.replace(/_/g, ' ') },
      { label: 'Notes', key: 'notes' },
    ], items, { empty: 'No inspection recorded yet.' }));
  } catch (e) { clear(out, problemBox(e)); }
}

function inspectionForm(v, currency, done) {
  const out = h('div#inspection-result');
  const button = h('button.primary#record-inspection', { type: 'submit' }, 'Record result');
  const incomplete = v.assessment && v.assessment.complete === false;
  const outcome = select('outcome', [['', '— choose the outcome —'], ...OUTCOMES.map((o) => [o, o.replace(/_/g, ' ').toLowerCase()])],
    { required: true, value: '' });
  const decision = select('decision', [['', '— choose the decision —'],
    ['RELEASE', incomplete ? 'Release the goods (blocked: assessment incomplete)' : 'Release the goods'],
    ['KEEP_UNDER_CONTROL', 'Keep under control']], { required: true, value: '' });
  if (incomplete) decision.querySelector('option[value="RELEASE"]').disabled = true;
  const form = h('form.stack#inspection-form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const f = formValues(form);
      clear(out);
      const missing = [!f.outcome && 'Outcome: choose what the control found', !f.decision && 'Decision: choose to release or keep under control'].filter(Boolean);
      if (missing.length) {
        clear(out, h('div.alert.error', { role: 'alert' }, h('strong', 'Please choose'), h('ul.errors', missing.map((m) => h('li', m)))));
        return;
      }
      const body = { outcome: f.outcome, decision: f.decision, notes: f.notes || null };
      if (f.dutyAmount) body.additionalDuty = { amount: Number(f.dutyAmount), currency: f.dutyCurrency || null };
      if (f.seizureGoods) {
        body.seizure = { goods: f.seizureGoods, quantity: f.seizureQuantity ? Number(f.seizureQuantity) : null,
          unit: f.seizureUnit || null, concealment: f.concealment || null, location: f.location || null };
      }
      await busy(button, async () => {
        try {
          await post('/declarations/' + v.id + '/inspection', body);
          toast('Inspection result recorded.');
          done();
        } catch (err) { clear(out, problemBox(err)); out.scrollIntoView({ block: 'start', behavior: 'smooth' }); }
      });
    },
  },
  v.status !== 'UNDER_CONTROL' ? h('p.notice', 'This declaration is ' + String(v.status).replace(/_/g, ' ').toLowerCase() + ', not under control.') : null,
  incomplete ? h('p.notice#release-blocked', 'Release is blocked: duty and taxes could not be assessed for item(s) '
    + (v.assessment.errors || []).map((e) => e.sequence).join(', ') + '. Reclassify the item (or set its customs value) first.') : null,
  h('div.grid2',
    field('Outcome', outcome),
    field('Decision', decision),
    field('Additional duty', input('dutyAmount', { type: 'number', min: 0, step: 'any' }), 'The trader receives a payment order'),
    field('Currency', input('dutyCurrency', { size: 4, value: currency }))),
  h('details', h('summary', 'Seizure (if goods were seized)'),
    h('div.grid2',
      field('Goods seized', input('seizureGoods')),
      field('Quantity', input('seizureQuantity', { type: 'number', min: 0, step: 'any' })),
      field('Unit', input('seizureUnit', { placeholder: 'NAR, KGM' })),
      field('Concealment', input('concealment', { placeholder: 'e.g. false bottom' })),
      field('Location', input('location', { placeholder: 'e.g. container 3' })))),
  field('Notes', h('textarea', { name: 'notes', id: 'f-notes', rows: 3 })),
  h('div.actions', button));
  return card('Record inspection result', form, out);
}

/** Officer: reclassify an item (new HS code and/or customs value); duty and risk are re-assessed, it stays under control. */
function reclassifyCard(v, done) {
  const d = v.declaration || {};
  const a = v.assessment || {};
  const blocked = new Set((a.errors || []).map((e) => e.sequence));
  const out = h('div#reclassify-result');
  const items = (d.items || []).map((i) => [String(i.sequence), 'Item ' + i.sequence + ' — ' + (i.commodityCode || 'no HS code')
    + (blocked.has(i.sequence) ? ' (not assessed)' : '') + (i.description ? ': ' + i.description.slice(0, 24) : '')]);
  const first = (d.items || []).find((i) => blocked.has(i.sequence)) || (d.items || [])[0] || {};
  const button = h('button#reclassify-button', { type: 'submit' }, 'Reclassify and re-assess');
  const form = h('form.stack#reclassify-form', {
    onsubmit: withReason(out, button, async (f) => {
      const body = { sequence: Number(f.sequence), commodityCode: f.commodityCode || null, reason: f.reason };
      if (f.valueAmount) body.customsValue = { amount: Number(f.valueAmount), currency: f.valueCurrency || null };
      const r = await post('/declarations/' + v.id + '/reclassification', body);
      toast('Item ' + body.sequence + ' updated; assessment ' + (r.assessment && r.assessment.complete ? 'complete.' : 'still incomplete.'));
      done();
    }),
  },
  blocked.size ? h('p.notice', 'The assessment is incomplete: give the item a valid commodity code (or its customs value) so that '
    + 'duty and taxes can be assessed. The goods cannot be released before.') : h('p.muted', 'Correct an item\'s commodity code or '
    + 'customs value: a new version is recorded, duty and taxes are re-assessed and the declaration stays under control.'),
  h('div.grid4',
    field('Item', select('sequence', items, { value: String(first.sequence || 1) })),
    field('New HS code', input('commodityCode', { placeholder: '6–10 digits', maxlength: 12, size: 12, value: first.commodityCode || '' })),
    field('Customs value', input('valueAmount', { type: 'number', min: 0, step: 'any' }), 'only if it changes'),
    field('Currency', input('valueCurrency', { size: 4, value: (first.customsValue && first.customsValue.currency) || 'JPY' }))),
  field('Reason (mandatory)', h('textarea#f-reclassify-reason', { name: 'reason', rows: 2, required: true,
    placeholder: 'Why (recorded in the audit trail; never shown to the trader)' })),
  h('div.actions', button));
  return card(blocked.size ? 'Assess or reclassify before release' : 'Reclassify an item', form, out);
}

/**
 * Submit handler of an officer form whose reason is mandatory: refuses an empty reason, then runs {@code send} with
 * the form's values while the button is busy, showing a refusal from the server in {@code out}.
 */
function withReason(out, button, send) {
  return async (e) => {
    e.preventDefault();
    const f = formValues(e.target);
    clear(out);
    if (!f.reason) { clear(out, h('div.alert.error', 'A reason is required.')); return; }
    await busy(button, async () => {
      try { await send(f); } catch (err) { clear(out, problemBox(err)); }
    });
  };
}

/** Officer: allow the declarant one correction of a declaration under control (the channel stays). */
function correctionCard(v, done) {
  const out = h('div#correction-result');
  if (v.correctionAllowed) {
    return card('Correction by the declarant', h('p#correction-pending', 'A correction is authorised'
      + (v.correctionAuthorisedBy ? ' (by ' + v.correctionAuthorisedBy + ')' : '') + '; waiting for the declarant\'s amendment.'));
  }
  const button = h('button#correction-button', { type: 'submit' }, 'Authorise one correction');
  const reason = h('textarea#f-correction-reason', { name: 'reason', rows: 2, required: true, minlength: 5,
    placeholder: 'What the declarant must correct (recorded in the audit trail)' });
  const form = h('form.stack#correction-form', {
    onsubmit: withReason(out, button, async (f) => {
      await post('/declarations/' + v.id + '/correction-authorisation', { reason: f.reason });
      toast('The declarant may now send one amendment.');
      done();
    }),
  },
  h('p.muted', 'Under control the declarant can no longer amend or cancel. Allow one amendment; the declaration stays '
    + 'under control and its channel is never lowered.'),
  field('Reason (mandatory)', reason),
  h('div.actions', button));
  return card('Correction by the declarant', form, out);
}

function overrideForm(v, done) {
  const out = h('div#override-result');
  const button = h('button#override-button', { type: 'submit' }, 'Override channel');
  const reason = h('textarea#f-reason', { name: 'reason', rows: 3, required: true, minlength: 5, placeholder: 'Why the channel must change (recorded in the audit trail)' });
  const form = h('form.stack#override-form', {
    onsubmit: withReason(out, button, async (f) => {
      await post('/declarations/' + v.id + '/override', { channel: f.channel, reason: f.reason });
      toast('Channel changed to ' + f.channel + '.');
      done();
    }),
  },
  h('p.muted', 'Current channel: ', channelBadge(v.channel)),
  field('New channel', select('channel', [['RED', 'Red – physical inspection'], ['YELLOW', 'Yellow – documentary check'], ['GREEN', 'Green – release']])),
  field('Reason (mandatory)', reason),
  h('div.actions', button));
  return card('Override channel', form, out);
}

/** An assessment error's message without its own "item n:" prefix (the list already names the item). */
function itemMessage(e) {
  const m = e.message || e.code || '';
  return m.replace(/^item \d+:\s*/i, '');
}
