// Cashless payment of trade declarations (issue 14, docs/payments.md): what is due on a declaration with a Pay
// button for its declarant, receipts, guarantees (officers register them), whether the release waits for payment; and
// the payments ledger with its reconciliation against the provider's report (on the post-clearance page).
import { get, session, ApiError } from '../api.js';
import { h, clear, table, problemBox, card, field, input, select, kv, busy, toast, loading, fmtMoney, fmtDate } from '../ui.js';

const money = (amount, currency) => (amount === undefined || amount === null ? '—' : fmtMoney({ amount, currency }));
const KIND = { ASSESSED_DUTY: 'Assessed duty and taxes', ADDITIONAL_DUTY: 'Additional duty after customs control', TRAVELLER_DUTY: 'Traveller duty' };

/** POST with the Idempotency-Key header (the shared api() sets no extra headers). */
async function postWithKey(path, body, key) {
  const headers = { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json', 'Idempotency-Key': key };
  if (session.token) headers.Authorization = 'Bearer ' + session.token;
  const res = await fetch('/api/v1' + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = { detail: text.slice(0, 300) }; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

/** The "Payment" card of a declaration's page: filled in place; reload() after a payment or a guarantee. */
export function paymentCard(id, user, onChange) {
  const box = h('div#pay-box', loading());
  const load = async () => {
    let s;
    try {
      s = await get('/declarations/' + encodeURIComponent(id) + '/payments');
    } catch (e) { clear(box, card('Payment', problemBox(e))); return; }
    const outstanding = (s.orders || []).filter((o) => Number(o.outstanding) > 0);
    const parts = [];
    if (s.releaseWaits) parts.push(h('div.alert.warn.pay-waits#pay-waits', h('strong', 'Release waits: '), s.releaseWaits));
    if ((s.orders || []).length) {
      parts.push(table([
        { label: 'Reference', render: (o) => h('span.mono', o.reference || '(issued when you pay)') },
        { label: 'For', render: (o) => KIND[o.kind] || o.kind },
        { label: 'Amount', render: (o) => money(o.amount, o.currency), cls: 'num' },
        { label: 'Paid', render: (o) => money(o.paid, o.currency), cls: 'num' },
        { label: 'Left to pay', render: (o) => h('b', money(o.outstanding, o.currency)), cls: 'num' },
      ], s.orders, { id: 'pay-orders' }));
    } else {
      parts.push(h('p.muted#pay-nothing', 'Nothing to pay on this declaration.'));
    }
    if (user.role === 'TRADER' && outstanding.length) {
      const o = outstanding[0];
      const cardSel = select('card', [['tok_visa_4242', 'Visa •••• 4242 (demo)'], ['tok_mastercard_4444', 'Mastercard •••• 4444 (demo)'],
        ['tok_declined', 'Declined card (demo)']], { id: 'pay-card' });
      const key = 'pay-' + id + '-' + Math.random().toString(36).slice(2, 12);
      const msg = h('div#pay-result');
      const button = h('button.primary#pay-button', { type: 'button' }, 'Pay ' + money(o.outstanding, o.currency));
      button.addEventListener('click', () => busy(button, async () => {
        try {
          const p = await postWithKey('/declarations/' + encodeURIComponent(id) + '/payments', { cardToken: cardSel.value, orderReference: o.reference || null }, key);
          await load();
          box.append(h('p.alert.ok#pay-receipt', p.receipt || 'Paid.'));
          if (onChange) onChange();
        } catch (e) { clear(msg, problemBox(e)); }
      }));
      parts.push(h('div.pay-form', field('Card (simulated provider)', cardSel), h('div.actions', button), msg));
    }
    if ((s.payments || []).length) {
      parts.push(h('h3', 'Payments and receipts'), table([
        { label: 'Payment', render: (p) => h('span.mono', p.id) },
        { label: 'Amount', render: (p) => money(p.amount, p.currency), cls: 'num' },
        { label: 'Status', key: 'status' },
        { label: 'Paid', render: (p) => fmtDate(p.paidAt) },
        { label: 'Receipt', render: (p) => p.receipt || '—' },
      ], s.payments, { id: 'pay-payments' }));
    }
    if ((s.guarantees || []).length) {
      parts.push(h('h3', 'Guarantees'), table([
        { label: 'Reference', render: (g) => h('span.mono', g.reference) },
        { label: 'Amount', render: (g) => money(g.amount, g.currency), cls: 'num' },
        { label: 'Registered', render: (g) => fmtDate(g.registeredAt) },
      ], s.guarantees, { id: 'pay-guarantees' }));
    }
    if ((user.role === 'OFFICER' || user.role === 'ADMIN') && s.releaseWaits) {
      const ref = input('reference', { id: 'guarantee-ref', placeholder: 'G-2026-001' });
      const amount = input('amount', { id: 'guarantee-amount', type: 'number', step: '0.01', min: '0.01' });
      const currency = input('currency', { id: 'guarantee-currency', value: (s.orders[0] || {}).currency || '', maxlength: 3 });
      const gmsg = h('div#guarantee-result');
      const gb = h('button#guarantee-button', { type: 'button' }, 'Register guarantee');
      gb.addEventListener('click', () => busy(gb, async () => {
        try {
          await postWithKey('/declarations/' + encodeURIComponent(id) + '/guarantees',
            { reference: ref.value, amount: Number(amount.value), currency: currency.value }, 'g-' + Date.now());
          toast('Guarantee registered.');
          await load();
          if (onChange) onChange();
        } catch (e) { clear(gmsg, problemBox(e)); }
      }));
      parts.push(h('div.pay-guarantee', h('h3', 'Register a guarantee'), field('Reference', ref), field('Amount', amount),
        field('Currency', currency), h('div.actions', gb), gmsg));
    }
    clear(box, card('Payment', ...parts));
  };
  load();
  return box;
}

/** Ledger totals and the mismatches between the ledger and the payment provider's settlement report. */
export function reconciliationSection() {
  const box = h('div#pay-reconciliation', loading());
  (async () => {
    let ledger, rec;
    try {
      [ledger, rec] = await Promise.all([get('/payments/ledger', { limit: 500 }), get('/payments/reconciliation')]);
    } catch (e) { clear(box, card('Payments ledger and reconciliation', problemBox(e))); return; }
    const currencies = Object.keys(ledger.dueByCurrency || {}).sort();
    clear(box, card('Payments ledger and reconciliation',
      h('p.muted.small', 'Amounts due, paid and refunded per payment order and traveller declaration, compared with the '
        + rec.provider + ' provider\'s settlement report (' + rec.providerSettlements + ' settlements, ' + rec.matched + ' matched).'),
      table([
        { label: 'Currency', key: 'c' },
        { label: 'Due', render: (r) => money(ledger.dueByCurrency[r.c], r.c), cls: 'num' },
        { label: 'Paid', render: (r) => money(ledger.paidByCurrency[r.c], r.c), cls: 'num' },
        { label: 'Refunded', render: (r) => money(ledger.refundedByCurrency[r.c], r.c), cls: 'num' },
      ], currencies.map((c) => ({ c })), { id: 'pay-ledger-totals' }),
      rec.mismatches.length === 0 ? h('p.alert.ok#pay-no-mismatch', 'The ledger agrees with the provider\'s report.')
        : h('div', h('h3', rec.mismatches.length + ' mismatch(es)'), table([
          { label: 'Payment', render: (m) => h('span.mono', m.paymentId) },
          { label: 'Problem', render: (m) => h('b', m.problem) },
          { label: 'Reference', render: (m) => m.reference || '—' },
          { label: 'Ledger', render: (m) => (m.ledgerAmount === undefined || m.ledgerAmount === null ? '—' : m.ledgerAmount + ' ' + m.currency + ' (minor units, ' + m.ledgerStatus + ')') },
          { label: 'Provider', render: (m) => (m.providerAmount === undefined || m.providerAmount === null ? '—' : m.providerAmount + ' ' + m.currency) },
        ], rec.mismatches, { id: 'pay-mismatches' }))));
  })();
  return box;
}
