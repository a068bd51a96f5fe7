// Post-clearance audit: declarations and companies ranked for audit, with reasons; CSV export.
import { get, download } from '../api.js';
import { h, clear, table, problemBox, pageTitle, card, field, input, statusBadge, fmtMoney, fmtNum, fmtDate, loading, busy, toast } from '../ui.js';

function reasonsOf(x) {
  const r = x.reasons || x.explanation || x.reason;
  if (!r) return null;
  if (Array.isArray(r)) return h('ul.compact', r.map((t) => h('li', typeof t === 'string' ? t : (t.text || JSON.stringify(t)))));
  return String(r);
}

function probability(x) {
  const p = x.probability ?? x.score;
  return p === undefined || p === null ? null : (Number(p) * 100).toFixed(0) + ' %';
}

function money(v, currency) {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return fmtMoney(v);
  return fmtMoney({ amount: v, currency });
}

function asList(r) { return Array.isArray(r) ? r : (r && (r.items || r.declarations || r.companies)) || []; }

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
      } catch (e) { toast(e.unavailable ? 'Export not available yet.' : e.detail || String(e), 'error'); }
    }));
    return b;
  };
  const limitInput = input('limit', { type: 'number', min: 1, max: 1000, value: limit, size: 5 });
  page.append(h('form.filters', { onsubmit: (e) => { e.preventDefault(); limit = Number(limitInput.value) || 50; load(); } },
    field('How many', limitInput), h('button.primary', { type: 'submit' }, 'Rank')),
  card('Corrections after release', h('p.muted', 'Amendments received after the goods were released, with the duty '
    + 'difference they imply.'), corr),
  card('Declarations', h('div.cardtools', exportButton('declarations')), decl),
  card('Companies', h('div.cardtools', exportButton('companies')), comp));

  async function load() {
    clear(decl, loading());
    clear(comp, loading());
    const [d, c, k] = await Promise.allSettled([get('/post-clearance/declarations', { limit }), get('/post-clearance/companies', { limit }),
      get('/post-clearance/corrections', { limit })]);
    if (k.status === 'fulfilled') {
      clear(corr, table([
        { label: 'Received', render: (x) => fmtDate(x.submittedAt) },
        { label: 'Declaration', render: (x) => h('a', { href: '#/declaration/' + x.declarationId }, x.declarationId) },
        { label: 'Version', render: (x) => String(x.version), cls: 'num' },
        { label: 'Duty and taxes before', render: (x) => money(x.previousTotal, x.currency), cls: 'num' },
        { label: 'Duty and taxes after', render: (x) => money(x.newTotal, x.currency), cls: 'num' },
        { label: 'Difference', render: (x) => (x.difference === null || x.difference === undefined ? 'not assessable'
          : h('b', money(x.difference, x.currency))), cls: 'num' },
        { label: 'By', key: 'submittedBy' },
        { label: 'Status', key: 'status' },
      ], asList(k.value), { id: 'pca-corrections-table', empty: 'No amendment after release is waiting.' }));
    } else clear(corr, problemBox(k.reason, 'Corrections after release'));
    if (d.status === 'fulfilled') {
      clear(decl, table([
        { label: 'Rank', render: (x) => String(x.rank), cls: 'num' },
        { label: 'Probability', render: (x) => probability(x), cls: 'num' },
        { label: 'Declaration', render: (x) => { const id = x.id || x.declarationId; return id ? h('a', { href: '#/declaration/' + id }, id) : null; } },
        { label: 'LRN', key: 'lrn' },
        { label: 'Importer', render: (x) => x.importerId || x.importer },
        { label: 'Status', render: (x) => (x.status ? statusBadge(x.status) : null) },
        { label: 'Risk score', render: (x) => (x.riskScore ?? null), cls: 'num' },
        { label: 'Potential shortfall', render: (x) => money(x.potentialShortfall, x.currency), cls: 'num' },
        { label: 'Expected revenue at risk', render: (x) => h('b', money(x.expectedRevenueAtRisk ?? x.revenueAtRisk, x.currency)), cls: 'num' },
        { label: 'Reasons', render: reasonsOf },
      ], asList(d.value).map((x, i) => ({ ...x, rank: i + 1 })), { id: 'pca-declarations-table', empty: 'No released declaration shows revenue at risk.' }));
    } else clear(decl, problemBox(d.reason, 'Post-clearance ranking of declarations'));
    if (c.status === 'fulfilled') {
      clear(comp, table([
        { label: 'Rank', render: (x) => String(x.rank), cls: 'num' },
        { label: 'Importer', render: (x) => x.importerId || x.partyId || x.company },
        { label: 'Declarations', render: (x) => fmtNum(x.declarations ?? x.declarationCount), cls: 'num' },
        { label: 'Flagged', render: (x) => fmtNum(x.flagged ?? x.irregular), cls: 'num' },
        { label: 'Potential shortfall', render: (x) => money(x.potentialShortfall, x.currency), cls: 'num' },
        { label: 'Expected revenue at risk', render: (x) => h('b', money(x.expectedRevenueAtRisk ?? x.revenueAtRisk, x.currency)), cls: 'num' },
        { label: 'Reasons', render: reasonsOf },
      ], asList(c.value).map((x, i) => ({ ...x, rank: i + 1 })), { id: 'pca-companies-table', empty: 'No company to audit.' }));
    } else clear(comp, problemBox(c.reason, 'Post-clearance ranking of companies'));
  }
  await load();
}
