// Officer worklist (declarations under control, ranked by risk) and the general declaration search.
import { get } from '../api.js';
import {
  h, clear, table, channelBadge, statusBadge, scoreBar, fmtDate, problemBox, pageTitle, field, input, select,
  formValues, loading,
} from '../ui.js';

const CHANNELS = [['', 'Any channel'], ['RED', 'Red'], ['YELLOW', 'Yellow'], ['GREEN', 'Green']];

function summaryColumns() {
  return [
    { label: 'Risk', render: (d) => scoreBar(d.riskScore) },
    { label: 'Channel', render: (d) => channelBadge(d.channel) },
    { label: 'MRN / id', render: (d) => h('a', { href: '#/declaration/' + d.id }, d.id) },
    { label: 'LRN', key: 'lrn' },
    { label: 'Declarant', key: 'declarantId' },
    { label: 'Importer', key: 'importerId' },
    { label: 'Type', key: 'type' },
    { label: 'Office', key: 'office' },
    { label: 'Items', key: 'items', cls: 'num' },
    { label: 'Status', render: (d) => statusBadge(d.status) },
    { label: 'Submitted', render: (d) => fmtDate(d.submittedAt) },
  ];
}

function filterForm(extra, onSubmit) {
  const form = h('form.filters', { onsubmit: (e) => { e.preventDefault(); onSubmit(formValues(form)); } },
    h('label.field.search-field', h('span.label', 'Search'),
      input('q', { type: 'search', placeholder: 'LRN or MRN', size: 22, maxlength: 35, 'aria-label': 'Search by LRN or MRN' })),
    field('Channel', select('channel', CHANNELS)),
    field('Office', input('office', { placeholder: 'JPTYO100', size: 10 })),
    field('HS chapter', input('hsChapter', { placeholder: '85', size: 4, maxlength: 2 })),
    field('Importer', input('importer', { placeholder: 'party id', size: 14 })),
    extra,
    h('button.primary', { type: 'submit' }, 'Apply'),
    h('button', { type: 'reset', onclick: () => setTimeout(() => onSubmit({}), 0) }, 'Clear'));
  return form;
}

export async function worklist(page, params, { go }) {
  page.append(pageTitle('Worklist', 'Declarations awaiting control, highest risk first. Click a row to open it.'));
  const out = h('div#worklist-result');
  let filters = {};
  let pageNo = 0;
  const size = 50;
  page.append(filterForm(null, (f) => { filters = f; pageNo = 0; load(); }), out);

  async function load() {
    clear(out, loading());
    let r;
    try {
      r = await get('/worklist', { ...filters, page: pageNo, size });
    } catch (e) { clear(out, problemBox(e)); return; }
    clear(out,
      h('p.muted', r.total + ' declaration(s) awaiting control'),
      table(summaryColumns(), r.items, { id: 'worklist', rowId: (d) => d.id, onRowClick: (d) => go('declaration/' + d.id),
        empty: filters.q ? 'No declaration under control matches "' + filters.q + '".' : 'Nothing awaits control. Well done.' }),
      pager(r.total, pageNo, size, (p) => { pageNo = p; load(); }));
  }
  await load();
}

export async function declarations(page, params, { go }) {
  page.append(pageTitle('Declarations', 'Search all declarations.'));
  const out = h('div');
  let filters = {};
  let pageNo = 0;
  const size = 50;
  const extra = [
    field('Status', select('status', ['', 'SUBMITTED', 'ACCEPTED', 'RISK_ASSESSED', 'UNDER_CONTROL', 'RELEASED', 'CLEARED', 'REJECTED', 'CANCELLED']
      .map((s) => [s, s ? s.replace(/_/g, ' ') : 'Any status']))),
    field('Declarant', input('declarant', { size: 14 })),
    field('From', input('from', { type: 'date' })),
    field('To', input('to', { type: 'date' })),
  ];
  page.append(filterForm(extra, (f) => { filters = f; pageNo = 0; load(); }), out);
  async function load() {
    clear(out, loading());
    try {
      const r = await get('/declarations', { ...filters, page: pageNo, size });
      clear(out, h('p.muted', r.total + ' declaration(s)'),
        table(summaryColumns(), r.items, { id: 'declarations', rowId: (d) => d.id, onRowClick: (d) => go('declaration/' + d.id) }),
        pager(r.total, pageNo, size, (p) => { pageNo = p; load(); }));
    } catch (e) { clear(out, problemBox(e)); }
  }
  await load();
}

export function pager(total, pageNo, size, onPage) {
  const pages = Math.max(1, Math.ceil((total || 0) / size));
  if (pages <= 1) return null;
  return h('div.pager',
    h('button', { type: 'button', disabled: pageNo <= 0, onclick: () => onPage(pageNo - 1) }, '‹ Previous'),
    h('span', `Page ${pageNo + 1} of ${pages}`),
    h('button', { type: 'button', disabled: pageNo >= pages - 1, onclick: () => onPage(pageNo + 1) }, 'Next ›'));
}
