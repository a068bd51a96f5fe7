// Duty estimator: "what will I pay?" for one consignment line, with the explanation in words.
import { post, nationalCurrency } from '../api.js';
import { h, clear, pageTitle, card, field, input, select, formValues, busy, problemBox, kv, fmtMoney, loading } from '../ui.js';
import { chargeText } from './detail.js';
import { describeGoods } from './knowledge.js';

export async function render(page) {
  page.append(pageTitle('Duty estimator', 'Estimate duty and taxes for one line before you declare. Rates are those valid on the date given.'));
  const out = h('div#estimate-result');
  // the form needs the national currency; until it is known the page shows that it is still loading
  const wait = loading();
  page.append(wait);
  const currency = await nationalCurrency();
  wait.remove();
  const button = h('button.primary#estimate-button', { type: 'submit' }, 'Estimate');
  const form = h('form.stack#estimate-form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = {
        hsCode: v.hsCode, origin: v.origin, value: v.value !== undefined ? Number(v.value) : null, currency: v.currency,
        quantity: v.quantity !== undefined ? Number(v.quantity) : null, unit: v.unit || null,
        date: v.date, agreement: v.agreement || null, proofOfOrigin: !!v.proofOfOrigin, incoterm: v.incoterm || null,
        freight: v.freight !== undefined ? Number(v.freight) : null, insurance: v.insurance !== undefined ? Number(v.insurance) : null,
      };
      clear(out);
      await busy(button, async () => {
        try {
          const a = await post('/estimate', body);
          clear(out, estimateResult(a));
        } catch (err) { clear(out, problemBox(err)); }
      });
    },
  },
  h('div.grid4',
    field('HS code', input('hsCode', { required: true, placeholder: '2103.10' })),
    field('Origin country', input('origin', { maxlength: 2, placeholder: 'CN' })),
    field('Value', input('value', { type: 'number', min: 0, step: 'any', required: true })),
    field('Currency', input('currency', { value: currency, required: true, size: 4 })),
    field('Quantity', input('quantity', { type: 'number', min: 0, step: 'any' }), 'only for specific rates'),
    field('Unit', input('unit', { placeholder: 'KGM, NAR, LTR' })),
    field('Date', input('date', { type: 'date', value: new Date().toISOString().slice(0, 10), required: true })),
    field('Incoterm', select('incoterm', ['', 'CIF', 'FOB', 'EXW', 'FCA', 'CFR', 'DAP', 'DDP'])),
    field('Freight', input('freight', { type: 'number', min: 0, step: 'any' }), 'added for FOB-like terms'),
    field('Insurance', input('insurance', { type: 'number', min: 0, step: 'any' })),
    field('Agreement', input('agreement', { placeholder: 'best available' })),
    h('label.field.check', input('proofOfOrigin', { type: 'checkbox' }), h('span', 'I hold a proof of origin'))),
  h('div.actions', button));
  page.append(describeGoods(form), card(null, form), out);
}

export function estimateResult(a) {
  return card('Estimate',
    a.explanation ? h('p.explanation#estimate-explanation', a.explanation) : null,
    kv([
      ['Commodity code', a.commodityCode], ['Origin', a.origin], ['Date', a.date],
      ['Declared value', fmtMoney(a.declaredValue)],
      a.exchangeRate ? ['Exchange rate', String(a.exchangeRate)] : null,
      a.freightAndInsurance ? ['Freight and insurance added', fmtMoney(a.freightAndInsurance)] : null,
      ['Customs value', fmtMoney(a.customsValue)],
      ['Duty', chargeText(a.duty)], ['Excise', chargeText(a.excise)], ['Consumption tax', chargeText(a.vat)],
      ['Total to pay', h('b.total', fmtMoney(a.total))],
    ]));
}
