// Management dashboard: volumes, channel mix, hit rates, revenue recovered, release times.
import { get } from '../api.js';
import { h, clear, table, pageTitle, card, field, input, problemBox, fmtMoney, fmtNum, fmtPct, loading, formValues } from '../ui.js';
import { barChart, hBars } from '../charts.js';

const COLORS = { GREEN: '#2e8b57', YELLOW: '#e0a800', RED: '#c62828' };

function isoDay(d) { return d.toISOString().slice(0, 10); }

export async function render(page) {
  const to = new Date();
  const from = new Date(Date.now() - 364 * 86400000); // a year: weekly and seasonal patterns show
  page.append(pageTitle('Dashboard', 'Volumes, control channels, hit rates, revenue and release times.'));
  const out = h('div#dashboard', loading());
  const form = h('form.filters', { onsubmit: (e) => { e.preventDefault(); load(formValues(form)); } },
    field('From', input('from', { type: 'date', value: isoDay(from) })),
    field('To', input('to', { type: 'date', value: isoDay(to) })),
    h('button.primary', { type: 'submit' }, 'Show'));
  page.append(form, out);

  async function load(range) {
    clear(out, loading());
    const [data, rules] = await Promise.allSettled([get('/dashboard', range), get('/rules')]);
    if (data.status !== 'fulfilled') { clear(out, problemBox(data.reason)); return; }
    // rule names by id: the dashboard counts hits per rule version ("id@version")
    const names = new Map(rules.status === 'fulfilled' ? rules.value.map((r) => [r.rule.id, r.rule.name]) : []);
    clear(out, view(data.value, names)); // perDay has every day of the period, 0 where nothing was declared
  }
  await load(formValues(form));
}

function view(d, ruleNames) {
  const perDay = d.perDay;
  const total = perDay.reduce((s, p) => s + p.count, 0);
  const mix = d.channelMix;
  const mixTotal = Object.values(mix).reduce((s, v) => s + v, 0);
  const hit = d.hitRatePerChannel;
  const inspected = Object.values(hit).reduce((s, v) => s + v.inspected, 0);
  const irregular = Object.values(hit).reduce((s, v) => s + v.irregular, 0);
  const rt = d.releaseTime;
  return h('div',
    h('div.kpis',
      kpi('kpi-declarations', 'Declarations', fmtNum(total)),
      kpi('kpi-inspected', 'Inspected', fmtNum(inspected)),
      kpi('kpi-irregular', 'Irregular', fmtNum(irregular)),
      kpi('kpi-revenue', 'Revenue recovered', fmtMoney(d.revenueRecovered),
        d.revenueRecoveredOther.length ? '+ ' + d.revenueRecoveredOther.map(fmtMoney).join(', ') : null),
      kpi('kpi-median', 'Median release', hours(rt.medianHours)),
      kpi('kpi-p90', '90th pct release', hours(rt.p90Hours))),
    h('div.cols',
      card('Declarations per day', barChart(perDay.map((p) => ({ label: p.date, value: p.count })), { title: 'Declarations per day' })),
      card('Channel mix', hBars(['GREEN', 'YELLOW', 'RED'].map((c) => {
        const n = mix[c] || 0;
        return { label: c.charAt(0) + c.slice(1).toLowerCase(), value: n, color: COLORS[c],
          text: fmtNum(n) + (mixTotal ? ' (' + ((n / mixTotal) * 100).toFixed(0) + ' %)' : '') };
      }), { title: 'Channel mix' }))),
    h('div.cols',
      card('Hit rate per channel', hBars(['GREEN', 'YELLOW', 'RED'].filter((c) => hit[c]).map((c) => ({
        label: c.charAt(0) + c.slice(1).toLowerCase(), value: hit[c].rate, color: COLORS[c],
        text: fmtPct(hit[c].rate) + ' of ' + fmtNum(hit[c].inspected),
      })), { max: 1, title: 'Hit rate per channel' })),
      card('Hit rate per rule', table([
        { label: 'Rule', render: (r) => ruleLabel(r.rule, ruleNames) }, { label: 'Hits', render: (r) => fmtNum(r.hits), cls: 'num' },
        { label: 'Inspected', render: (r) => fmtNum(r.inspected), cls: 'num' },
        { label: 'Irregular', render: (r) => fmtNum(r.irregular), cls: 'num' },
        { label: 'Hit rate', render: (r) => h('span.ratebar', h('span', { style: 'width:' + Math.round((Number(r.rate) || 0) * 100) + '%' }), h('b', fmtPct(r.rate))) },
      ], d.hitRatePerRule, { empty: 'No rule hits in this period.' }))),
    card('Release time', h('p', 'Released in the period: ', h('b', fmtNum(rt.count)),
      ' · median ', h('b', hours(rt.medianHours)),
      ' · 90th percentile ', h('b', hours(rt.p90Hours))),
      d.releaseTimePerChannel ? table([
        { label: 'Channel', render: (r) => r.channel.charAt(0) + r.channel.slice(1).toLowerCase() },
        { label: 'Released', render: (r) => fmtNum(r.count), cls: 'num' },
        { label: 'Median', render: (r) => hours(r.medianHours), cls: 'num' },
        { label: '90th percentile', render: (r) => hours(r.p90Hours), cls: 'num' },
      ], ['GREEN', 'YELLOW', 'RED'].filter((c) => d.releaseTimePerChannel[c])
        .map((c) => Object.assign({ channel: c }, d.releaseTimePerChannel[c])), { empty: 'Nothing released in this period.' }) : null));
}

/** Hours as "1.5 h", minutes under an hour as "12 min", a dash when unknown. */
function hours(v) {
  if (v === undefined || v === null) return '—';
  return v < 1 ? fmtNum(Math.round(v * 60)) + ' min' : fmtNum(v, 1) + ' h';
}

function ruleLabel(ref, names) {
  const [id, version] = String(ref).split('@');
  const name = names.get(id);
  return name ? h('span', { title: ref }, name, h('span.muted', ' v' + (version || '?'))) : ref;
}

function kpi(id, label, value, note) {
  return h('div.kpi', { id }, h('span.kpivalue', value), h('span.kpilabel', label), note ? h('span.kpinote', note) : null);
}
