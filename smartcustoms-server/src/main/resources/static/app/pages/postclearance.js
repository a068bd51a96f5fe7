// Post-clearance audit: declarations and companies ranked for audit, with reasons; CSV export.
import { get, download } from '../api.js';
import { reconciliationSection } from './payments.js';
import { h, clear, table, problemBox, pageTitle, card, field, input, statusBadge, fmtMoney, fmtNum, fmtDate, loading, busy, toast } from '../ui.js';

function reasonsOf(x) {
  return x.reasons.length ? h('ul.compact', x.reasons.map((t) => h('li', t))) : null;
}

function money(v, currency) {
  return v === undefined ? null : fmtMoney({ amount: v, currency }); // null fields are left out of the JSON; 1,234,567.00 JPY
}

const MONEY = 'num money';

export async function render(page) {
  page.append(pageTitle('Post-clearance audit', 'Released declarations and companies ranked for audit after clearance, with the reasons.'));
  let limit = 50;
  const decl = h('div#pca-declarations', loading());
  const comp = h('div#pca-companies', loading());
  const corr = h('div#pca-corrections', loading());
  const exportButton = (kind) => {
    const b = h('button', { type: 'button', id: 'export-' + kind }, 'Export CSV');
    b.addEventListener('click', () => busy(b, async () => {
      try {
        await download('/post-clearance/' + kind, { limit, format: 'csv' }, 'post-clearance-' + kind + '.csv');
        toast('CSV downloaded.');
      } catch (e) { toast(e.detail, 'error'); }
    }));
    return b;
  };
  const limitInput = input('limit', { type: 'number', min: 1, max: 1000, value: limit, size: 5 });
  page.append(h('form.filters', { onsubmit: (e) => { e.preventDefault(); limit = Number(limitInput.value) || 50; load(); } },
    field('How many', limitInput), h('button.primary', { type: 'submit' }, 'Rank')),
  card('Corrections after release', h('p.muted', 'Amendments received after the goods were released, with the duty '
    + 'difference they imply.'), corr),
  card('Declarations', h('div.cardtools', exportButton('declarations')), decl),
  card('Companies', h('div.cardtools', exportButton('companies')), comp),
  reconciliationSection());

  async function load() {
    clear(decl, loading());
    clear(comp, loading());
    const [d, c, k] = await Promise.allSettled([get('/post-clearance/declarations', { limit }), get('/post-clearance/companies', { limit }),
      get('/post-clearance/corrections', { limit })]);
    if (k.status === 'fulfilled') {
      clear(corr, table([
        { label: 'Received', render: (x) => fmtDate(x.submittedAt), cls: 'when' },
        { label: 'Declaration', render: (x) => h('a', { href: '#/declaration/' + x.declarationId }, x.declarationId) },
        { label: 'Version', render: (x) => String(x.version), cls: 'num' },
        { label: 'Duty and taxes before', render: (x) => money(x.previousTotal, x.currency), cls: MONEY },
        { label: 'Duty and taxes after', render: (x) => money(x.newTotal, x.currency), cls: MONEY },
        { label: 'Difference', render: (x) => (x.difference === null || x.difference === undefined ? 'not assessable'
          : h('b', money(x.difference, x.currency))), cls: MONEY },
        { label: 'By', key: 'submittedBy' },
        { label: 'Status', render: (x) => statusBadge(x.status) },
      ], k.value, { id: 'pca-corrections-table', empty: 'No amendment after release is waiting.' }));
    } else clear(corr, problemBox(k.reason));
    if (d.status === 'fulfilled') {
      clear(decl, table([
        { label: 'Rank', render: (x) => String(x.rank), cls: 'num' },
        { label: 'Probability', render: (x) => (x.probability * 100).toFixed(0) + ' %', cls: 'num' },
        { label: 'Declaration', render: (x) => h('span.stacked', h('a', { href: '#/declaration/' + x.id }, x.id),
          h('span.muted', 'LRN ' + (x.lrn || '—')), statusBadge(x.status)) },
        { label: 'Importer', key: 'importerId' },
        { label: 'Risk score', render: (x) => fmtNum(x.riskScore), cls: 'num' },
        { label: 'Potential shortfall', render: (x) => money(x.potentialShortfall, x.currency), cls: MONEY },
        { label: 'Expected revenue at risk', render: (x) => h('b', money(x.expectedRevenueAtRisk, x.currency)), cls: MONEY },
        { label: 'Reasons', render: reasonsOf, cls: 'reasons' },
      ], d.value.map((x, i) => ({ ...x, rank: i + 1 })), { id: 'pca-declarations-table', empty: 'No released declaration shows revenue at risk.' }));
    } else clear(decl, problemBox(d.reason));
    if (c.status === 'fulfilled') {
      clear(comp, table([
        { label: 'Rank', render: (x) => String(x.rank), cls: 'num' },
        { label: 'Importer', key: 'importerId' },
        { label: 'Declarations', render: (x) => fmtNum(x.declarations), cls: 'num' },
        { label: 'Flagged', render: (x) => fmtNum(x.flagged), cls: 'num' },
        { label: 'Potential shortfall', render: (x) => money(x.potentialShortfall, x.currency), cls: MONEY },
        { label: 'Expected revenue at risk', render: (x) => h('b', money(x.expectedRevenueAtRisk, x.currency)), cls: MONEY },
        { label: 'Reasons', render: reasonsOf, cls: 'reasons' },
      ], c.value.map((x, i) => ({ ...x, rank: i + 1 })), { id: 'pca-companies-table', empty: 'No company to audit.' }));
    } else clear(comp, problemBox(c.reason));
  }
  await load();
}
