// Management dashboard: volumes, channel mix, hit rates, revenue recovered, release times.
import { get, ApiError } from '../api.js';
import { h, clear, table, pageTitle, card, field, input, problemBox, fmtMoney, fmtNum, fmtPct, loading, formValues } from '../ui.js';
import { barChart, hBars } from '../charts.js';

const COLORS = { GREEN: '#2e8b57', YELLOW: '#e0a800', RED: '#c62828' };

function isoDay(d) { return d.toISOString().slice(0, 10); }

export async function render(page) {
  const to = new Date();
  const from = new Date(Date.now() - 29 * 86400000);
  page.append(pageTitle('Dashboard', 'Volumes, control channels, hit rates, revenue and release times.'));
  const out = h('div#dashboard', loading());
  const form = h('form.filters', { onsubmit: (e) => { e.preventDefault(); load(formValues(form)); } },
    field('From', input('from', { type: 'date', value: isoDay(from) })),
    field('To', input('to', { type: 'date', value: isoDay(to) })),
    h('button.primary', { type: 'submit' }, 'Show'));
  page.append(form, out);

  async function load(range) {
    clear(out, loading());
    let data;
    let fallback = false;
    try {
      data = await get('/dashboard', range);
    } catch (e) {
      if (!(e instanceof ApiError && e.unavailable)) { clear(out, problemBox(e)); return; }
      fallback = true;
      try { data = await computeFromDeclarations(range); } catch (e2) { clear(out, problemBox(e2)); return; }
    }
    clear(out, view({ ...data, perDay: fillDays(data.perDay || [], range.from, range.to) }, fallback));
  }
  await load(formValues(form));
}

/** Without the dashboard service: volumes and channel mix computed from the declaration search (max 500). */
async function computeFromDeclarations(range) {
  const r = await get('/declarations', { from: range.from, to: range.to, size: 500 });
  const perDay = new Map();
  const mix = { GREEN: 0, YELLOW: 0, RED: 0 };
  for (const d of r.items) {
    const day = String(d.submittedAt || '').slice(0, 10);
    perDay.set(day, (perDay.get(day) || 0) + 1);
    if (d.channel && mix[d.channel] !== undefined) mix[d.channel]++;
  }
  return {
    perDay: [...perDay.entries()].sort().map(([date, count]) => ({ date, count })),
    channelMix: mix,
    total: r.total,
  };
}

function view(d, fallback) {
  const perDay = d.perDay || [];
  const total = d.total ?? perDay.reduce((s, p) => s + (Number(p.count) || 0), 0);
  const mix = d.channelMix || {};
  const mixTotal = Object.values(mix).reduce((s, v) => s + (Number(v) || 0), 0);
  const hit = d.hitRatePerChannel || {};
  const inspected = Object.values(hit).reduce((s, v) => s + (Number(v && v.inspected) || 0), 0);
  const irregular = Object.values(hit).reduce((s, v) => s + (Number(v && v.irregular) || 0), 0);
  const rt = d.releaseTime || {};
  return h('div',
    fallback ? h('p.notice#dashboard-fallback', 'The dashboard service is not available on this server yet: volumes and channel mix are computed from the declaration list; hit rates, revenue and release times will appear once it is.') : null,
    h('div.kpis',
      kpi('kpi-declarations', 'Declarations', fmtNum(total)),
      kpi('kpi-inspected', 'Inspected', fallback ? '—' : fmtNum(inspected)),
      kpi('kpi-irregular', 'Irregular', fallback ? '—' : fmtNum(irregular)),
      kpi('kpi-revenue', 'Revenue recovered', fallback ? '—' : fmtMoney(d.revenueRecovered),
        (d.revenueRecoveredOther || []).length ? '+ ' + d.revenueRecoveredOther.map(fmtMoney).join(', ') : null),
      kpi('kpi-median', 'Median release', rt.medianHours !== undefined && rt.medianHours !== null ? fmtNum(rt.medianHours, 1) + ' h' : '—'),
      kpi('kpi-p90', '90th pct release', rt.p90Hours !== undefined && rt.p90Hours !== null ? fmtNum(rt.p90Hours, 1) + ' h' : '—')),
    h('div.cols',
      card('Declarations per day', barChart(perDay.map((p) => ({ label: p.date, value: p.count })), { title: 'Declarations per day' })),
      card('Channel mix', hBars(['GREEN', 'YELLOW', 'RED'].map((c) => {
        const n = Number(mix[c]) || 0;
        return { label: c.charAt(0) + c.slice(1).toLowerCase(), value: n, color: COLORS[c],
          text: fmtNum(n) + (mixTotal ? ' (' + ((n / mixTotal) * 100).toFixed(0) + ' %)' : '') };
      }), { title: 'Channel mix' }))),
    fallback ? null : h('div.cols',
      card('Hit rate per channel', hBars(['GREEN', 'YELLOW', 'RED'].filter((c) => hit[c]).map((c) => ({
        label: c.charAt(0) + c.slice(1).toLowerCase(), value: Number(hit[c].rate) || 0, color: COLORS[c],
        text: fmtPct(hit[c].rate) + ' of ' + fmtNum(hit[c].inspected),
      })), { max: 1, title: 'Hit rate per channel' })),
      card('Hit rate per rule', table([
        { label: 'Rule', key: 'rule' }, { label: 'Hits', render: (r) => fmtNum(r.hits), cls: 'num' },
        { label: 'Inspected', render: (r) => fmtNum(r.inspected), cls: 'num' },
        { label: 'Irregular', render: (r) => fmtNum(r.irregular), cls: 'num' },
        { label: 'Hit rate', render: (r) => h('span.ratebar', h('span', { style: 'width:' + Math.round((Number(r.rate) || 0) * 100) + '%' }), h('b', fmtPct(r.rate))) },
      ], d.hitRatePerRule || [], { empty: 'No rule hits in this period.' }))),
    fallback ? null : card('Release time', h('p', 'Released in the period: ', h('b', fmtNum(rt.count)),
      ' · median ', h('b', rt.medianHours !== undefined && rt.medianHours !== null ? fmtNum(rt.medianHours, 1) + ' h' : '—'),
      ' · 90th percentile ', h('b', rt.p90Hours !== undefined && rt.p90Hours !== null ? fmtNum(rt.p90Hours, 1) + ' h' : '—'))));
}

/** Every day of the range, with 0 where nothing was declared, so the bars keep a time scale. */
function fillDays(perDay, from, to) {
  const counts = new Map(perDay.map((p) => [String(p.date).slice(0, 10), Number(p.count) || 0]));
  const start = from ? new Date(from + 'T00:00:00Z') : (perDay.length ? new Date(String(perDay[0].date).slice(0, 10) + 'T00:00:00Z') : null);
  const end = to ? new Date(to + 'T00:00:00Z') : new Date();
  if (!start || isNaN(start) || isNaN(end) || end < start || (end - start) / 86400000 > 400) return perDay;
  const out = [];
  for (let d = new Date(start); d <= end; d = new Date(d.getTime() + 86400000)) {
    const key = d.toISOString().slice(0, 10);
    out.push({ date: key, count: counts.get(key) || 0 });
    counts.delete(key);
  }
  for (const [date, count] of counts) out.push({ date, count });
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

function kpi(id, label, value, note) {
  return h('div.kpi', { id }, h('span.kpivalue', value), h('span.kpilabel', label), note ? h('span.kpinote', note) : null);
}
