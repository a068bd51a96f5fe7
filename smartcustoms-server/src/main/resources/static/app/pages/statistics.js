// Trade statistics: charts and published tables under disclosure control (everyone), research projects
// (researchers apply and download extracts; data stewards decide and publish tables).
import { get, post, download, session } from '../api.js';
import { h, clear, table, pageTitle, card, field, input, select, problemBox, fmtNum, loading, formValues, toast, busy } from '../ui.js';
import { barChart, hBars } from '../charts.js';

function month(d) { return d.toISOString().slice(0, 7); }

function lastYear() {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
  return { from: month(from), to: month(to) };
}

const REASONS = { threshold: 'too few traders', dominance: 'dominant traders', 'p-percent': 'p% rule',
  confidential: 'confidentiality request', secondary: 'protects another cell' };

function margin(cells, dim) {
  // cells of a one-dimension table without the grand total
  return cells.filter((c) => c.key[0] !== '*').map((c) => ({ label: c.key[0], value: c.value, suppressed: c.suppressed, reason: c.reason }));
}

function millions(v) { return v === null || v === undefined ? '' : fmtNum(v / 1e6, 1) + ' M'; }

export async function render(page) {
  page.append(pageTitle('Trade statistics', 'Imports by month, HS section and partner, protected by statistical disclosure control: '
    + 'cells that could reveal a trader are suppressed, with complementary suppressions so that no total gives them away.'));
  const charts = h('div#statistics-charts', loading());
  const tables = h('div#statistics-tables', loading());
  page.append(charts, tables);
  const role = session.user && session.user.role;
  if (role === 'RESEARCHER' || role === 'DATA_STEWARD') {
    const research = h('div#statistics-research', loading());
    page.append(research);
    renderResearch(research, role);
  }
  if (role === 'DATA_STEWARD' || role === 'ADMIN') {
    const steward = h('div#statistics-steward');
    page.append(steward);
    renderSteward(steward, tables);
  }
  renderCharts(charts);
  renderTables(tables);
}

async function renderCharts(out) {
  const period = lastYear();
  const q = (by) => get('/statistics/trade', { flow: 'import', from: period.from, to: period.to, by });
  const [months, chapters, partners] = await Promise.allSettled([q('month'), q('hs2'), q('partner')]);
  if (months.status !== 'fulfilled') { clear(out, problemBox(months.reason)); return; }
  const series = margin(months.value.cells).map((p) => ({ label: p.label, value: p.value || 0 }));
  const top = (res) => (res.status === 'fulfilled' ? margin(res.value.cells) : [])
    .filter((c) => !c.suppressed).sort((a, b) => b.value - a.value).slice(0, 10)
    .map((c) => ({ label: c.label, value: c.value, text: millions(c.value) }));
  const total = months.value.cells.find((c) => c.key[0] === '*');
  clear(out,
    h('div.kpis',
      h('div.kpi', { id: 'kpi-import-value' }, h('span.kpivalue', total && !total.suppressed ? millions(total.value) : '—'),
        h('span.kpilabel', 'Imports ' + period.from + ' – ' + period.to)),
      h('div.kpi', { id: 'kpi-import-declarations' }, h('span.kpivalue', total && !total.suppressed ? fmtNum(total.declarations) : '—'),
        h('span.kpilabel', 'Declarations'))),
    h('div.cols',
      card('Import value per month', barChart(series, { title: 'Import value per month' })),
      card('Top HS chapters', hBars(top(chapters), { title: 'Top HS chapters', format: millions }))),
    h('div.cols', card('Top partner countries', hBars(top(partners), { title: 'Top partner countries', format: millions }))));
}

async function renderTables(out) {
  let list;
  try { list = await get('/statistics/tables'); } catch (e) { clear(out, problemBox(e)); return; }
  const view = h('div#statistics-table-view');
  clear(out, card('Published tables',
    table([
      { label: 'Table', render: (t) => t.name },
      { label: 'Period', render: (t) => t.spec.from + ' – ' + t.spec.to },
      { label: 'Breakdown', render: (t) => t.spec.dimensions.join(' × ') },
      { label: 'Published', render: (t) => (t.publishedAt || '').slice(0, 10) },
    ], list, { id: 'statistics-published', empty: 'No table is published yet.', rowId: (t) => t.id, onRowClick: (t) => show(t, view) }),
    view));
  if (list.length) show(list[0], view);
}

async function show(t, view) {
  clear(view, loading());
  let data;
  try { data = await get('/statistics/tables/' + t.id); } catch (e) { clear(view, problemBox(e)); return; }
  const dims = t.spec.dimensions;
  const loss = data.loss;
  clear(view,
    h('h3', t.name),
    h('p.muted', fmtNum(loss.cells) + ' cells; ' + fmtNum(loss.primary) + ' sensitive and ' + fmtNum(loss.secondary)
      + ' complementary cells suppressed (' + (loss.valueShareSuppressed * 100).toFixed(1) + ' % of the value). ',
      h('button.link', { type: 'button', onclick: () => download('/statistics/tables/' + t.id + '/csv', null, 'table-' + t.id + '.csv') }, 'Download CSV')),
    table([
      ...dims.map((d, i) => ({ label: d, render: (c) => (c.key[i] === '*' ? 'Total' : c.key[i]) })),
      { label: 'Value', cls: 'num', render: (c) => (c.suppressed ? h('span.statistics-suppressed', { title: REASONS[c.reason] || c.reason }, 'x') : fmtNum(c.value)) },
      { label: 'Net mass (kg)', cls: 'num', render: (c) => (c.suppressed ? 'x' : fmtNum(c.netMassKg)) },
      { label: 'Declarations', cls: 'num', render: (c) => (c.suppressed ? 'x' : fmtNum(c.declarations)) },
      { label: 'Note', render: (c) => (c.suppressed ? REASONS[c.reason] || c.reason : '') },
    ], data.cells.slice(0, 100), { id: 'statistics-cells' }),
    data.cells.length > 100 ? h('p.muted', 'First 100 of ' + fmtNum(data.cells.length) + ' cells; the CSV has all.') : null);
}

async function renderResearch(out, role) {
  let projects;
  try { projects = await get('/research/projects'); } catch (e) { clear(out, problemBox(e)); return; }
  const actions = (p) => {
    if (role === 'DATA_STEWARD' && p.status === 'SUBMITTED') {
      return h('span',
        h('button.primary', { type: 'button', onclick: (e) => busy(e.target, () => decide(p, true, out, role)) }, 'Approve'), ' ',
        h('button', { type: 'button', onclick: (e) => busy(e.target, () => decide(p, false, out, role)) }, 'Refuse'));
    }
    if (role === 'RESEARCHER' && p.status === 'APPROVED') {
      return h('button.primary', { type: 'button', onclick: (e) => busy(e.target, () => extract(p)) }, 'Download extract');
    }
    return p.decisionReason || '';
  };
  const list = card(role === 'DATA_STEWARD' ? 'Research projects' : 'My research projects',
    table([
      { label: 'Title', render: (p) => p.title },
      { label: 'Institution', render: (p) => p.institution },
      { label: 'Researcher', render: (p) => p.researcher },
      { label: 'Period', render: (p) => p.from + ' – ' + p.to },
      { label: 'Chapters', render: (p) => p.hsChapters.join(' ') },
      { label: 'Ends', render: (p) => p.endDate },
      { label: 'Status', render: (p) => p.status },
      { label: '', render: actions },
    ], projects, { id: 'research-projects', empty: 'No research project yet.' }));
  clear(out, list);
  if (role === 'RESEARCHER') out.append(applyForm(out, role));
}

async function decide(p, approve, out, role) {
  const reason = approve ? 'Approved by the data steward' : window.prompt('Reasons for the refusal') || '';
  try {
    await post('/research/projects/' + p.id + '/decision', { approve, reason });
    toast(approve ? 'Project approved.' : 'Project refused.');
    renderResearch(out, role);
  } catch (e) { toast(e.message || 'Refused', 'error'); }
}

async function extract(p) {
  try {
    const link = await post('/research/projects/' + p.id + '/extracts', {});
    await download(link.url.replace(/^\/api\/v1/, ''), null, 'extract-' + link.extractId + '.csv');
    toast('Extract downloaded (the link works once).');
  } catch (e) { toast(e.message || 'Refused', 'error'); }
}

function applyForm(out, role) {
  const period = lastYear();
  const end = new Date(Date.now() + 180 * 86400000).toISOString().slice(0, 10);
  const errors = h('div');
  const form = h('form.statistics-apply', {
    onsubmit: async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = { title: v.title, institution: v.institution, purpose: v.purpose, legalBasis: v.legalBasis, from: v.from, to: v.to,
        endDate: v.endDate, fields: ['month', 'hs6', 'partner', 'trader', 'value', 'netMassKg'],
        hsChapters: v.hsChapters.split(/[ ,]+/).filter(Boolean), flows: ['import'] };
      try {
        await post('/research/projects', body);
        toast('Application submitted to the data steward.');
        renderResearch(out, role);
      } catch (err) { clear(errors, problemBox(err)); }
    },
  },
  field('Title', input('title', { required: true })),
  field('Institution', input('institution', { required: true })),
  field('Purpose', input('purpose', { required: true })),
  field('Legal basis', input('legalBasis', { required: true, value: 'Statistics Act' })),
  field('From', input('from', { value: period.from })),
  field('To', input('to', { value: period.to })),
  field('Ends', input('endDate', { type: 'date', value: end })),
  field('HS chapters', input('hsChapters', { value: '09 84 85' })),
  h('button.primary', { type: 'submit' }, 'Apply'));
  return card('Apply for a research project', form, errors);
}

function renderSteward(out, tablesView) {
  const period = lastYear();
  const errors = h('div');
  const form = h('form.filters', {
    onsubmit: async (e) => {
      e.preventDefault();
      const v = formValues(form);
      try {
        const t = await post('/statistics/definitions', { name: v.name, flow: v.flow, from: v.from, to: v.to, by: v.by });
        await post('/statistics/definitions/' + t.id + '/publish', null);
        toast('Table published.');
        renderTables(tablesView);
      } catch (err) { clear(errors, problemBox(err)); }
    },
  },
  field('Name', input('name', { required: true })),
  field('Flow', select('flow', [['import', 'Imports'], ['export', 'Exports']])),
  field('From', input('from', { value: period.from })),
  field('To', input('to', { value: period.to })),
  field('Breakdown', input('by', { value: 'hs2,month' }), 'any 1 to 3 of hs2, hs4, hs6, partner, office, month'),
  h('button.primary', { type: 'submit' }, 'Protect and publish'));
  clear(out, card('Publish a table', form, errors));
}
