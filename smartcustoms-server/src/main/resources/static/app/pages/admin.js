// Administration: users and tokens, risk models (promote, rollback, retrain), and the audit trail.
import { get, post } from '../api.js';
import {
  h, clear, table, problemBox, pageTitle, card, field, input, select, formValues, busy, toast, loading, fmtDate,
  fmtNum, kv,
} from '../ui.js';
import { pager } from './worklist.js';

const ROLES = ['TRADER', 'OFFICER', 'ANALYST', 'AUDITOR', 'ADMIN'];


export async function users(page) {
  page.append(pageTitle('Users', 'Accounts of the workspace and API clients. Traders are bound to their party id.'));
  const list = h('div#users-list', loading());
  const out = h('div#user-result');
  const tokenOut = h('div#token-result');
  const createButton = h('button.primary#create-user', { type: 'submit' }, 'Create user');
  const role = select('role', ROLES, { id: 'f-role' });
  const party = input('partyId', { placeholder: 'required for traders' });
  const form = h('form.stack#user-form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const f = formValues(form);
      clear(out);
      await busy(createButton, async () => {
        try {
          const u = await post('/admin/users', { username: f.username, password: f.password, role: f.role, partyId: f.partyId || null });
          toast('User ' + u.username + ' created.');
          form.reset();
          load();
        } catch (err) { clear(out, problemBox(err)); }
      });
    },
  }, h('div.grid4',
    field('User name', input('username', { required: true, autocomplete: 'off' })),
    field('Password', input('password', { type: 'password', minlength: 8, autocomplete: 'new-password' }), 'at least 8 characters; empty for API-only users'),
    field('Role', role),
    field('Party id', party)),
  h('div.actions', createButton), out);

  async function issueToken(u, button) {
    const label = window.prompt('Label for the new API token of ' + u.username, 'api');
    if (label === null) return;
    await busy(button, async () => {
      try {
        const r = await post('/admin/users/' + u.id + '/tokens', { label });
        clear(tokenOut, h('div.alert.warn#issued-token', h('strong', 'New token for ' + u.username + ' — copy it now, it is shown only once'),
          h('pre.token', r.token),
          h('button.small', { type: 'button', onclick: () => navigator.clipboard && navigator.clipboard.writeText(r.token).then(() => toast('Copied.')) }, 'Copy'),
          h('button.small.link', { type: 'button', onclick: () => clear(tokenOut) }, 'Hide')));
        tokenOut.scrollIntoView({ block: 'nearest' });
      } catch (e) { clear(tokenOut, problemBox(e)); }
    });
  }

  const tokensOut = h('div#tokens-of-user');
  async function showTokens(u) {
    clear(tokensOut, loading());
    try {
      const ts = await get('/admin/users/' + u.id + '/tokens');
      const revoke = (t, button) => busy(button, async () => {
        if (!window.confirm('Revoke token ' + t.id + ' (' + (t.label || 'no label') + ') of ' + u.username + '?')) return;
        try { await post('/admin/users/' + u.id + '/tokens/' + t.id + '/revoke', { reason: 'revoked by an administrator' }); toast('Token revoked.'); showTokens(u); }
        catch (e) { toast(e.detail || String(e), 'error'); }
      });
      const revokeAll = h('button.small.danger#revoke-all-tokens', { type: 'button' }, 'Revoke all');
      revokeAll.addEventListener('click', () => busy(revokeAll, async () => {
        if (!window.confirm('Revoke every token of ' + u.username + '?')) return;
        try { await post('/admin/users/' + u.id + '/tokens/revoke-all', {}); toast('All tokens of ' + u.username + ' revoked.'); showTokens(u); }
        catch (e) { toast(e.detail || String(e), 'error'); }
      }));
      clear(tokensOut, card('Tokens of ' + u.username, h('div.cardtools', revokeAll), table([
        { label: 'Id', key: 'id' },
        { label: 'Label', key: 'label' },
        { label: 'Created', render: (t) => fmtDate(t.createdAt) },
        { label: 'Expires', render: (t) => fmtDate(t.expiresAt) },
        { label: 'State', render: (t) => (t.active ? h('span.badge.green', 'active') : h('span.badge.grey', t.revoked ? 'revoked' : 'expired')) },
        { label: '', render: (t) => (t.active ? h('button.small.danger', { type: 'button', onclick: (e) => revoke(t, e.target) }, 'Revoke') : null) },
      ], ts, { id: 'tokens', empty: 'No token.' })));
      tokensOut.scrollIntoView({ block: 'nearest' });
    } catch (e) { clear(tokensOut, problemBox(e)); }
  }

  async function setEnabled(u, enabled, button) {
    await busy(button, async () => {
      try { await post('/admin/users/' + u.id + '/enabled', { enabled }); toast(u.username + (enabled ? ' enabled.' : ' disabled.')); load(); }
      catch (e) { toast(e.detail || String(e), 'error'); }
    });
  }

  page.append(card('Create a user', form), tokenOut, card('All users', list), tokensOut);
  async function load() {
    clear(list, loading());
    try {
      const us = await get('/admin/users');
      clear(list, table([
        { label: 'Id', key: 'id', cls: 'num' },
        { label: 'User name', key: 'username' },
        { label: 'Role', render: (u) => h('span.badge.role', u.role) },
        { label: 'Party id', key: 'partyId' },
        { label: 'State', render: (u) => (u.enabled ? h('span.badge.green', 'enabled') : h('span.badge.grey', 'disabled')) },
        { label: '', render: (u) => h('span.rowactions',
          h('button.small', { type: 'button', onclick: (e) => issueToken(u, e.target) }, 'Issue token'),
          h('button.small', { type: 'button', onclick: () => showTokens(u) }, 'Tokens'),
          h('button.small', { type: 'button', class: u.enabled ? 'danger' : null, onclick: (e) => setEnabled(u, !u.enabled, e.target) }, u.enabled ? 'Disable' : 'Enable')) },
      ], us, { id: 'users' }));
    } catch (e) { clear(list, problemBox(e)); }
  }
  await load();
}

function metricText(m) {
  if (!m || typeof m !== 'object') return null;
  return Object.entries(m).filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .slice(0, 6).map(([k, v]) => k + ' ' + (typeof v === 'number' ? fmtNum(v, 3) : v)).join(' · ');
}

export async function models(page) {
  page.append(pageTitle('Risk models', 'Registered model versions. Promote a candidate to production, roll back, or retrain on recent results.'));
  const list = h('div#models-list', loading());
  const detail = h('div#model-detail');
  const out = h('div');
  const retrain = h('button.primary#retrain', { type: 'button' }, 'Retrain now');
  const rollback = h('button.danger#rollback', { type: 'button' }, 'Roll back to previous');
  retrain.addEventListener('click', () => busy(retrain, async () => {
    clear(out);
    try {
      const r = await post('/models/retrain', {});
      clear(out, h('div.alert.ok', h('strong', 'New model ' + r.version + ' registered'),
        h('p', 'Trained on ' + fmtNum(r.declarations) + ' inspected declarations ('
          + fmtNum(r.items) + ' items, ' + fmtNum(r.irregular) + ' irregular). '
          + (r.promoted ? 'It is in production.' : 'It is not in production until you promote it.')),
        h('p', metricText(r.dossier.metrics))));
      load();
    } catch (e) { clear(out, problemBox(e)); }
  }));
  rollback.addEventListener('click', () => busy(rollback, async () => {
    if (!window.confirm('Roll back the production model to the previous version?')) return;
    clear(out);
    try { await post('/models/rollback', {}); toast('Rolled back.'); load(); } catch (e) { clear(out, problemBox(e)); }
  }));
  page.append(h('div.actions', retrain, rollback), out, card('Versions', list), detail);

  async function show(m) {
    clear(detail, loading());
    try {
      const d = await get('/models/' + encodeURIComponent(m.version));
      clear(detail, card('Model ' + m.version, kv(Object.entries(d).map(([k, v]) =>
        [k, typeof v === 'object' && v !== null ? h('pre.json', JSON.stringify(v, null, 2)) : String(v)]))));
    } catch (e) { clear(detail, problemBox(e)); }
  }

  async function load() {
    clear(list, loading());
    try {
      const r = await get('/models');
      // {promoted, live, models: [dossier]}
      const ms = r.models.map((m) => ({ ...m, promoted: m.version === r.promoted }));
      clear(list, table([
        { label: 'Version', render: (m) => h('a', { href: '#/admin/models', onclick: (e) => { e.preventDefault(); show(m); } }, m.version) },
        { label: 'State', render: (m) => {
          const st = (m.promoted ? 'PRODUCTION' : 'candidate') + (m.version === r.live ? ' · live' : '');
          return h('span.badge.' + (m.promoted ? 'green' : 'grey'), st);
        } },
        { label: 'Created', render: (m) => fmtDate(m.created) },
        { label: 'Training data', render: (m) => fmtNum(m.rows) + ' rows, ' + fmtNum(m.frauds) + ' frauds'
          + (m.trainingFrom ? ' (' + m.trainingFrom + ' → ' + (m.trainingTo || '') + ')' : '') },
        { label: 'Metrics', render: (m) => metricText(m.metrics) },
        { label: '', render: (m) => h('button.small', { type: 'button', onclick: (e) => busy(e.target, async () => {
          try { await post('/models/' + encodeURIComponent(m.version) + '/promote', {}); toast('Model ' + m.version + ' promoted.'); load(); }
          catch (err) { clear(out, problemBox(err)); }
        }) }, 'Promote') },
      ], ms, { id: 'models', empty: 'No model registered yet.' }));
    } catch (e) { clear(list, problemBox(e)); }
  }
  await load();
}

function detailsText(d) {
  if (d === null || d === undefined || d === '') return null;
  if (typeof d !== 'object') return h('code.details', String(d));
  return h('span.details', Object.entries(d).map(([k, v]) => h('span.detail', h('span.muted', k + ' '),
    typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))));
}

export async function audit(page) {
  page.append(pageTitle('Audit trail', 'Every decision, hash-chained: who did what to which subject, when and why.'));
  const out = h('div#audit-list', loading());
  let filters = {};
  let pageNo = 0;
  const size = 50;
  const form = h('form.filters', { onsubmit: (e) => { e.preventDefault(); filters = formValues(form); pageNo = 0; load(); } },
    field('Actor', input('actor', { size: 12 })),
    field('Action', select('action', ['', 'CHANNEL_DECISION', 'OFFICER_OVERRIDE', 'RESULT_RECORDED', 'RULE_CREATED', 'RULE_CHANGED',
      'RULE_DISABLED', 'WATCHLIST_CHANGED', 'MODEL_REGISTERED', 'MODEL_PROMOTED', 'MODEL_ROLLED_BACK', 'USER_CREATED',
      'USER_ENABLED', 'USER_DISABLED', 'TOKEN_ISSUED'].map((a) => [a, a ? a.replace(/_/g, ' ').toLowerCase() : 'Any action']))),
    field('Subject id', input('subjectId', { size: 18 })),
    h('button.primary', { type: 'submit' }, 'Search'),
    h('button#verify-chain', { type: 'button', onclick: (e) => busy(e.target, verify) }, 'Verify hash chain'));
  const verifyOut = h('div#verify-result');
  page.append(form, verifyOut, out);
  async function verify() {
    clear(verifyOut);
    try {
      const r = await get('/audit/verify');
      const ok = r.ok;
      clear(verifyOut, h('div.alert', { class: ok ? 'ok' : 'error' },
        h('strong', ok ? 'The audit chain is intact' : 'The audit chain is broken'),
        h('p', Object.entries(r).filter(([k]) => k !== 'ok').map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(' · '))));
    } catch (e) { clear(verifyOut, problemBox(e)); }
  }
  async function load() {
    clear(out, loading());
    try {
      const r = await get('/audit', { ...filters, page: pageNo, size });
      const items = r.items;
      clear(out, table([
        { label: '#', key: 'seq', cls: 'num' },
        { label: 'When', render: (x) => fmtDate(x.at) },
        { label: 'Actor', key: 'actor' },
        { label: 'Action', render: (x) => h('span.badge.blue', String(x.action || '').replace(/_/g, ' ').toLowerCase()) },
        { label: 'Subject', render: (x) => (x.subjectType === 'declaration' && x.subjectId
          ? h('a', { href: '#/declaration/' + x.subjectId }, x.subjectId) : [x.subjectType, ' ', x.subjectId]) },
        { label: 'Reason', key: 'reason' },
        { label: 'Details', render: (x) => detailsText(x.details) },
        { label: 'Hash', render: (x) => (x.hash ? h('span.mono.hash', { title: x.hash }, String(x.hash).slice(0, 12) + '…') : null) },
      ], items, { id: 'audit', empty: 'No entry matches.' }),
      r && r.total !== undefined ? pager(r.total, pageNo, size, (p) => { pageNo = p; load(); }) : null);
    } catch (e) { clear(out, problemBox(e)); }
  }
  await load();
}
