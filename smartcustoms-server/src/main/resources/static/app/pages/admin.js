// Administration: users and tokens, risk models (promote, rollback, retrain), and the audit trail.
import { get, post } from '../api.js';
import {
  h, clear, table, problemBox, pageTitle, card, field, input, select, formValues, busy, toast, loading, fmtDate,
  fmtNum, fmtPct, fmtMoney, kv,
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

// ---------------------------------------------------------------- models

/** Model metrics in words: what each figure of the dossier measures (on the held-out period). */
const METRIC_WORDS = {
  auc: ['AUC (ranking quality)', 'Chance that an irregular declaration is ranked above a regular one: 0.5 is guessing, 1 is perfect.'],
  rows: ['held-out rows', 'Goods items of the held-out period the figures are measured on.'],
  holdout_from: ['held out from', 'First day of the held-out period (not used to fit the trees).'],
  critical_labels: ['critical irregularities in training', 'Labels of prohibited goods or other critical findings.'],
};

function metricWords(key) {
  let m = /^precision_at_(\d+)$/.exec(key);
  if (m) return ['precision at top ' + m[1] + ' %', 'Share of irregular declarations among the ' + m[1] + ' % the model ranks riskiest.'];
  m = /^recall_at_(\d+)$/.exec(key);
  if (m) return ['recall at top ' + m[1] + ' %', 'Share of all irregular declarations found in the ' + m[1] + ' % the model ranks riskiest.'];
  return METRIC_WORDS[key] || [words(key), null];
}

function metricValue(key, v) {
  if (typeof v !== 'number') return String(v);
  if (/^(precision|recall)_at_/.test(key)) return fmtPct(v);
  if (Number.isInteger(v)) return fmtNum(v);
  return fmtNum(v, 3);
}

/** The headline figures of a model: AUC, then precision and recall at the top 10 %. */
function metricSummary(m) {
  if (!m || typeof m !== 'object') return null;
  const keys = ['auc', 'precision_at_10', 'recall_at_10'].filter((k) => m[k] !== undefined && m[k] !== null);
  if (!keys.length) return h('span.muted', 'not measured');
  return h('span.metrics', keys.map((k) => {
    const [label, hint] = metricWords(k);
    return h('span.metric', { title: hint || '' }, label + ' ', h('b', metricValue(k, m[k])));
  }));
}

function metricList(m) {
  if (!m || typeof m !== 'object') return '—';
  return kv(Object.entries(m).map(([k, v]) => {
    const [label, hint] = metricWords(k);
    return [h('span', { title: hint || '' }, label), metricValue(k, v)];
  }));
}

/** snake_case, dotted or camelCase names in words: "label_delay_days" → "label delay days". */
function words(key) {
  return String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.]/g, ' ').toLowerCase();
}

/** A value for people: numbers with separators, yes/no, lists joined; never JSON. */
function plain(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? fmtNum(v) : fmtNum(v, 4);
  if (Array.isArray(v)) return v.map(plain).join(', ');
  if (typeof v === 'object') {
    if ('amount' in v && 'currency' in v) return fmtMoney(v);
    return Object.entries(v).map(([k, x]) => words(k) + ' ' + plain(x)).join(', ');
  }
  return String(v);
}

function shortHash(v) {
  return v ? h('span.mono.hash', { title: v }, String(v).slice(0, 16) + '…') : '—';
}

export async function models(page) {
  page.append(pageTitle('Risk models', 'Registered model versions. Promote a candidate to production, roll back to the '
    + 'previous production model, or retrain on recent inspection results.'));
  const list = h('div#models-list', loading());
  const detail = h('div#model-detail');
  const out = h('div');
  const retrain = h('button.primary#retrain', { type: 'button' }, 'Retrain now');
  const rollbackSlot = h('span');
  retrain.addEventListener('click', () => busy(retrain, async () => {
    clear(out);
    try {
      const r = await post('/models/retrain', {});
      clear(out, h('div.alert.ok', h('strong', 'New model ' + r.version + ' registered'),
        h('p', 'Trained on ' + fmtNum(r.declarations) + ' inspected declarations ('
          + fmtNum(r.items) + ' items, ' + fmtNum(r.irregular) + ' irregular). '
          + (r.promoted ? 'It is in production.' : 'It is not in production until you promote it.')),
        h('p', metricSummary(r.dossier.metrics))));
      load();
    } catch (e) { clear(out, problemBox(e)); }
  }));
  page.append(h('div.actions', retrain, rollbackSlot), out, card('Versions', list), detail);

  function rollbackButton(target) {
    const b = h('button.danger#rollback', { type: 'button' }, 'Roll back to ' + target);
    b.addEventListener('click', () => busy(b, async () => {
      if (!window.confirm('Put model ' + target + ' back into production?')) return;
      clear(out);
      try { await post('/models/rollback', {}); toast('Rolled back to ' + target + '.'); load(); } catch (e) { clear(out, problemBox(e)); }
    }));
    return b;
  }

  async function show(m) {
    clear(detail, loading());
    try {
      const d = await get('/models/' + encodeURIComponent(m.version));
      const features = d.features || [];
      clear(detail, card('Model ' + d.version, kv([
        ['Created', fmtDate(d.created)],
        ['Library', [d.library, d.libraryVersion].filter(Boolean).join(' ')],
        ['Training period', d.trainingFrom ? d.trainingFrom + ' to ' + (d.trainingTo || '') : '—'],
        ['Training data', fmtNum(d.rows) + ' goods items, ' + fmtNum(d.frauds) + ' irregular'
          + (d.fraudRate !== undefined ? ' (' + fmtPct(d.fraudRate) + ')' : '')],
        ['Boosting rounds', fmtNum(d.boostingRounds)],
        ['Quality on the held-out period', metricList(d.metrics)],
        ['Training settings', d.parameters ? kv(Object.entries(d.parameters).map(([k, v]) => [words(k), plain(v)])) : '—'],
        ['Features', h('details', h('summary', fmtNum(features.length) + ' features'),
          h('ul.compact.columns', features.map((f) => h('li', h('code', f)))))],
        ['Training data fingerprint', shortHash(d.trainingFingerprint)],
        ['Feature schema', shortHash(d.schemaHash)],
        ['Trees (SHA-256)', shortHash(d.boosterSha256)],
        d.criticalBoosterSha256 ? ['Critical-irregularity trees (SHA-256)', shortHash(d.criticalBoosterSha256)] : null,
      ])));
    } catch (e) { clear(detail, problemBox(e)); }
  }

  async function load() {
    clear(list, loading());
    try {
      const r = await get('/models');
      // {promoted, live, rollbackTo, models: [dossier]}
      clear(rollbackSlot, r.rollbackTo ? rollbackButton(r.rollbackTo) : null);
      const ms = r.models.map((m) => ({ ...m, promoted: m.version === r.promoted }));
      clear(list, table([
        { label: 'Version', cls: 'when', render: (m) => h('a', { href: '#/admin/models', onclick: (e) => { e.preventDefault(); show(m); } }, m.version) },
        { label: 'State', render: (m) => {
          if (m.promoted) return h('span.badge.green', m.version === r.live ? 'in production' : 'promoted (restart to load)');
          return h('span.badge.grey', m.version === r.live ? 'candidate · scoring now' : 'candidate');
        } },
        { label: 'Created', render: (m) => fmtDate(m.created) },
        { label: 'Training data', render: (m) => fmtNum(m.rows) + ' items, ' + fmtNum(m.frauds) + ' irregular'
          + (m.trainingFrom ? ' (' + m.trainingFrom + ' to ' + (m.trainingTo || '') + ')' : '') },
        { label: 'Quality (held-out period)', render: (m) => metricSummary(m.metrics) },
        { label: '', render: (m) => (m.promoted ? h('span') : h('button.small.promote', { type: 'button', onclick: (e) => busy(e.target, async () => {
          try { await post('/models/' + encodeURIComponent(m.version) + '/promote', {}); toast('Model ' + m.version + ' promoted.'); load(); }
          catch (err) { clear(out, problemBox(err)); }
        }) }, 'Promote')) },
      ], ms, { id: 'models', empty: 'No model registered yet.' }));
    } catch (e) { clear(list, problemBox(e)); }
  }
  await load();
}

// ---------------------------------------------------------------- audit trail

const STATUS = (s) => String(s || '—').replace(/_/g, ' ').toLowerCase();

/**
 * An audit entry's details in words, per action (the facts the writer recorded); anything not described here is
 * listed as "name value" pairs. Never JSON.
 */
const AUDIT_SENTENCES = {
  STATUS_CHANGED: (d) => 'status ' + STATUS(d.from) + ' → ' + STATUS(d.to),
  CHANNEL_DECISION: (d) => 'score ' + plain(d.score) + ', channel ' + plain(d.channel)
    + (d.previousChannel ? ' (was ' + plain(d.previousChannel) + ')' : '')
    + (d.model ? ', model ' + d.model : ', no model')
    + (d.random ? ', chosen at random for control' : ''),
  DECLARATION_SUBMITTED: (d) => 'LRN ' + plain(d.lrn) + ' from declarant ' + plain(d.declarant || d.declarantId),
  DECLARATION_AMENDED: (d) => 'new version ' + plain(d.version),
  POST_RELEASE_CORRECTION: (d) => 'version ' + plain(d.version) + ', duty and taxes difference '
    + (d.dutyDifference === undefined || d.dutyDifference === null ? 'not assessable' : fmtMoney({ amount: d.dutyDifference, currency: d.currency })),
  DATA_EXPORTED: (d) => plain(d.rows) + ' rows of ' + plain(d.export) + ' as ' + String(d.format || '').toUpperCase()
    + (d.filter ? ' (' + plain(d.filter) + ')' : ''),
  AMENDMENT_REFUSED: (d) => 'refused while ' + STATUS(d.status),
  CANCELLATION_REFUSED: (d) => 'refused while ' + STATUS(d.status),
  RESULT_RECORDED: (d) => [
    'outcome ' + STATUS(d.outcome), 'decision ' + STATUS(d.decision),
    d.additionalDuty ? 'additional duty ' + fmtMoney(d.additionalDuty) : null,
    d.seizure ? 'seized ' + plain(d.seizure) : null,
    d.statusBefore ? 'status ' + STATUS(d.statusBefore) + ' → ' + STATUS(d.statusAfter) : null,
  ].filter(Boolean).join('; '),
  OFFICER_OVERRIDE: (d) => 'channel ' + plain(d.from) + ' → ' + plain(d.to) + ' (score ' + plain(d.score) + ')'
    + (d.statusBefore ? '; status ' + STATUS(d.statusBefore) + ' → ' + STATUS(d.statusAfter) : ''),
  MODEL_PROMOTED: (d) => (d.previous ? 'replaces ' + d.previous : 'first model in production'),
  MODEL_ROLLED_BACK: (d) => 'from ' + plain(d.from) + ' back to ' + plain(d.to),
  MODEL_REGISTERED: (d) => [d.source ? 'trained on ' + d.source : null,
    d.declarations !== undefined ? fmtNum(d.declarations) + ' declarations (' + fmtNum(d.irregular) + ' irregular, ' + fmtNum(d.items) + ' items)' : null,
    d.metrics ? ['auc', 'precision_at_10', 'recall_at_10'].filter((k) => d.metrics[k] !== undefined)
      .map((k) => metricWords(k)[0] + ' ' + metricValue(k, d.metrics[k])).join(', ') : null].filter(Boolean).join('; '),
  USER_CREATED: (d) => 'user ' + plain(d.username) + ', role ' + plain(d.role) + (d.partyId ? ', party ' + d.partyId : '')
    + (d.password === false ? ', API access only' : ''),
  USER_ROLE_CHANGED: (d) => 'role ' + plain(d.from) + ' → ' + plain(d.to)
    + (d.fromParty || d.toParty ? '; party ' + plain(d.fromParty) + ' → ' + plain(d.toParty) : ''),
  TOKEN_ISSUED: (d) => 'token ' + plain(d.tokenId) + (d.label ? ' "' + d.label + '"' : '') + (d.expiresAt ? ', valid until ' + fmtDate(d.expiresAt) : ''),
  TOKEN_REVOKED: (d) => (d.all ? 'all ' + plain(d.count) + ' tokens' : 'token ' + plain(d.tokenId)),
  LOGIN_FAILED: (d) => 'from address ' + plain(d.ip) + '; ' + plain(d.failures) + ' failed attempts for this user, '
    + plain(d.failuresFromIp) + ' from this address',
  LOGIN_LOCKED: (d) => 'address ' + plain(d.ip) + ' locked until ' + fmtDate(d.until),
};
for (const a of ['RULE_CREATED', 'RULE_CHANGED', 'RULE_DISABLED', 'RULE_ENABLED']) {
  AUDIT_SENTENCES[a] = (d) => [d.name ? '"' + d.name + '"' : null, d.threat ? 'threat ' + STATUS(d.threat) : null,
    d.weight !== undefined ? 'weight ' + plain(d.weight) : null, d.enabled !== undefined ? (d.enabled ? 'enabled' : 'disabled') : null,
    d.expression ? 'when ' + d.expression : null].filter(Boolean).join(', ');
}

export function auditDetailsText(action, d) {
  if (d === null || d === undefined || d === '') return null;
  if (typeof d !== 'object') return String(d);
  const sentence = AUDIT_SENTENCES[String(action || '').toUpperCase()];
  if (sentence) {
    try { return sentence(d); } catch { /* fall back to the list below */ }
  }
  return Object.entries(d).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => words(k) + ' ' + (/sha256|fingerprint|hash/i.test(k) ? String(v).slice(0, 12) + '…' : plain(v))).join('; ');
}

function detailsText(x) {
  const t = auditDetailsText(x.action, x.details);
  return t ? h('span.details', t) : null;
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
        h('p', ok ? fmtNum(r.entriesChecked) + ' entries checked; every hash matches its entry and the one before it.'
          : fmtNum(r.entriesChecked) + ' entries checked; the first broken link is entry ' + plain(r.firstBrokenSeq)
            + (r.reason ? ': ' + r.reason : '') + '.')));
    } catch (e) { clear(verifyOut, problemBox(e)); }
  }
  async function load() {
    clear(out, loading());
    try {
      const r = await get('/audit', { ...filters, page: pageNo, size });
      const items = r.items;
      clear(out, table([
        { label: '#', key: 'seq', cls: 'num' },
        { label: 'When', render: (x) => fmtDate(x.at), cls: 'when' },
        { label: 'Actor', key: 'actor' },
        { label: 'Action', render: (x) => h('span.badge.blue', String(x.action || '').replace(/_/g, ' ').toLowerCase()) },
        { label: 'Subject', render: (x) => (x.subjectType === 'declaration' && x.subjectId
          ? h('a', { href: '#/declaration/' + x.subjectId }, x.subjectId) : [x.subjectType, ' ', x.subjectId]) },
        { label: 'Reason', key: 'reason' },
        { label: 'Details', render: detailsText, cls: 'details' },
        { label: 'Hash', render: (x) => (x.hash ? h('span.mono.hash', { title: x.hash }, String(x.hash).slice(0, 12) + '…') : null) },
      ], items, { id: 'audit', empty: 'No entry matches.' }),
      r && r.total !== undefined ? pager(r.total, pageNo, size, (p) => { pageNo = p; load(); }) : null);
    } catch (e) { clear(out, problemBox(e)); }
  }
  await load();
}
