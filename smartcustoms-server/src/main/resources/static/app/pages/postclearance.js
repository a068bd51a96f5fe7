// Post-clearance audit: declarations and companies ranked for audit, with reasons; CSV export.
import { get, download } from '../api.js';
import { h, clear, table, problemBox, pageTitle, card, field, input, channelBadge, fmtDate, fmtMoney, fmtNum, loading, busy, toast } from '../ui.js';

function reasonsOf(x) {
  const r = x.reasons || x.explanation || x.reason;
  if (!r) return null;
  if (Array.isArray(r)) return h('ul.compact', r.map((t) => h('li', typeof t === 'string' ? t : (t.text || JSON.stringify(t)))));
  return String(r);
}

function scoreOf(x) {
  const s = x.score ?? x.riskScore ?? x.auditScore ?? x.priority;
  return s === undefined ? null : fmtNum(s, 2);
}

function asList(r) { return Array.isArray(r) ? r : (r && (r.items || r.declarations || r.companies)) || []; }

export async function render(page) {
  page.append(pageTitle('Post-clearance audit', 'Released declarations and companies ranked for audit after clearance, with the reasons.'));
  let limit = 50;
  const decl = h('div#pca-declarations', loading());
  const comp = h('div#pca-companies', loading());
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
  card('Declarations', h('div.cardtools', exportButton('declarations')), decl),
  card('Companies', h('div.cardtools', exportButton('companies')), comp));

  async function load() {
    clear(decl, loading());
    clear(comp, loading());
    const [d, c] = await Promise.allSettled([get('/post-clearance/declarations', { limit }), get('/post-clearance/companies', { limit })]);
    if (d.status === 'fulfilled') {
      clear(decl, table([
        { label: 'Rank', render: (x) => String(x.rank ?? '') || null, cls: 'num' },
        { label: 'Score', render: scoreOf, cls: 'num' },
        { label: 'Declaration', render: (x) => { const id = x.id || x.declarationId; return id ? h('a', { href: '#/declaration/' + id }, id) : null; } },
        { label: 'LRN', key: 'lrn' },
        { label: 'Declarant', render: (x) => x.declarantId || x.declarant },
        { label: 'Importer', render: (x) => x.importerId || x.importer },
        { label: 'Channel', render: (x) => (x.channel ? channelBadge(x.channel) : null) },
        { label: 'Revenue at risk', render: (x) => fmtMoney(x.revenueAtRisk || x.estimatedRevenue) },
        { label: 'Released', render: (x) => (x.releasedAt || x.submittedAt ? fmtDate(x.releasedAt || x.submittedAt) : null) },
        { label: 'Reasons', render: reasonsOf },
      ], asList(d.value).map((x, i) => ({ rank: i + 1, ...x })), { empty: 'No declaration to audit.' }));
    } else clear(decl, problemBox(d.reason, 'Post-clearance ranking of declarations'));
    if (c.status === 'fulfilled') {
      clear(comp, table([
        { label: 'Rank', render: (x) => String(x.rank ?? '') || null, cls: 'num' },
        { label: 'Score', render: scoreOf, cls: 'num' },
        { label: 'Company', render: (x) => x.partyId || x.company || x.id },
        { label: 'Name', key: 'name' },
        { label: 'Declarations', render: (x) => fmtNum(x.declarations ?? x.declarationCount), cls: 'num' },
        { label: 'Irregular', render: (x) => fmtNum(x.irregular ?? x.irregularities), cls: 'num' },
        { label: 'Revenue at risk', render: (x) => fmtMoney(x.revenueAtRisk) },
        { label: 'Reasons', render: reasonsOf },
      ], asList(c.value).map((x, i) => ({ rank: i + 1, ...x })), { empty: 'No company to audit.' }));
    } else clear(comp, problemBox(c.reason, 'Post-clearance ranking of companies'));
  }
  await load();
}
