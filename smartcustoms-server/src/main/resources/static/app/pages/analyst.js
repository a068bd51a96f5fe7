// Analyst workspace: targeting rules (create, edit, disable, test on the last 30 days) and watch lists.
import { get, post, put } from '../api.js';
import {
  h, clear, table, problemBox, pageTitle, card, field, input, select, formValues, busy, toast, loading,
  fmtNum, fmtPct, fmtDay,
} from '../ui.js';

const THREATS = ['UNDERVALUATION', 'MISCLASSIFICATION', 'ORIGIN', 'PROHIBITED', 'SECURITY', 'OTHER'];


function scopeText(s) {
  if (!s) return 'everywhere';
  const parts = [s.hsPrefix && 'HS ' + s.hsPrefix + '*', s.origin && 'origin ' + s.origin, s.partyId && 'party ' + s.partyId, s.officeId && 'office ' + s.officeId].filter(Boolean);
  return parts.length ? parts.join(', ') : 'everywhere';
}

/** Shows where a compile error is: the expression line with a caret under the column. */
function caret(expression, problem) {
  const line = Number(problem.line) || 1;
  let col = problem.column !== undefined ? Number(problem.column) : undefined;
  if (col === undefined && problem.position !== undefined) {
    const before = expression.slice(0, Number(problem.position));
    col = before.length - before.lastIndexOf('\n');
  }
  if (col === undefined || isNaN(col)) return null;
  const text = expression.split('\n')[line - 1] ?? '';
  return h('pre.caret#compile-error-position', text + '\n' + ' '.repeat(Math.max(0, col - 1)) + '^ line ' + line + ', column ' + col);
}

export async function rules(page) {
  page.append(pageTitle('Targeting rules', ['Rules are CEL expressions over declaration features; each hit adds its weight to the threat it indicates. ',
    h('a', { href: '#/watchlists' }, 'Watch lists →')]));
  const list = h('div#rules-list', loading());
  const formOut = h('div#rule-result');
  const testOut = h('div#rule-test-result');
  let editing = null;

  const expression = h('textarea.mono#f-expression', { name: 'expression', rows: 4, required: true,
    placeholder: "origin == 'CN' && price_per_kg < 5.0" });
  const variablesHint = h('span#rule-variables-hint', 'Loading the variables…');
  const variablesHelp = h('details#rule-variables', h('summary', 'What each variable means'), loading());
  const title = h('h2', 'New rule');
  const saveButton = h('button.primary#save-rule', { type: 'submit' }, 'Create rule');
  const testButton = h('button#test-rule', { type: 'button' }, 'Test against last 30 days');
  const form = h('form.stack#rule-form', { onsubmit: save },
    h('div.grid4',
      field('Name', input('name', { required: true })),
      field('Threat', select('threat', THREATS)),
      field('Weight (0–100)', input('weight', { type: 'number', min: 0, max: 100, value: 30, required: true })),
      field('Params (read as params.<name>)', input('params', { placeholder: 'e.g. min_value=50000, rate=0.2' })),
      field('HS prefix', input('hsPrefix', { placeholder: 'e.g. 8516' })),
      field('Origin', input('origin', { maxlength: 2, placeholder: 'CN' })),
      field('Party id', input('partyId')),
      field('Office', input('officeId')),
      field('Valid from', input('validFrom', { type: 'date' })),
      field('Valid to', input('validTo', { type: 'date' }))),
    field('Expression (CEL)', expression, variablesHint),
    variablesHelp,
    h('div.actions', saveButton, testButton,
      h('button.link', { type: 'reset', onclick: () => { editing = null; title.textContent = 'New rule'; saveButton.textContent = 'Create rule'; } }, 'Clear')),
    formOut, testOut);
  testButton.addEventListener('click', () => busy(testButton, async () => {
    const f = formValues(form);
    clear(testOut);
    try {
      const r = await post('/rules/test', draftOf(f, editing));
      const inspected = r.inspected ?? null;
      const rate = inspected ? r.irregular / inspected : (r.hits ? r.irregular / r.hits : null);
      const samples = r.sampleHits || [];
      clear(testOut, h('div.alert.info#rule-test-summary', h('strong', 'Last ' + (r.days || 30) + ' days'),
        h('p', fmtNum(r.evaluated), ' declarations evaluated · ', h('b', fmtNum(r.hits)), ' would be hit',
          inspected !== null ? [' · ', fmtNum(inspected), ' of those inspected'] : null,
          ' · ', h('b', fmtNum(r.irregular)), ' found irregular', rate !== null ? ' (hit rate ' + fmtPct(rate) + ')' : '', '.'),
        samples.length ? h('p.small', 'Examples: ', samples.slice(0, 10).map((id) => [h('a', { href: '#/declaration/' + id }, id), ' '])) : null));
    } catch (e) {
      clear(testOut, problemBox(e), e.problem ? caret(f.expression || '', e.problem) : null);
    }
  }));

  async function save(e) {
    e.preventDefault();
    const f = formValues(form);
    clear(formOut);
    await busy(saveButton, async () => {
      try {
        const body = draftOf(f, editing);
        if (editing) await put('/rules/' + encodeURIComponent(editing), body); else await post('/rules', body);
        toast(editing ? 'Rule updated.' : 'Rule created.');
        form.reset();
        editing = null;
        title.textContent = 'New rule';
        saveButton.textContent = 'Create rule';
        load();
      } catch (err) {
        clear(formOut, problemBox(err), err.problem ? caret(f.expression || '', err.problem) : null);
      }
    });
  }

  function edit(r) {
    editing = r.id;
    title.textContent = 'Edit rule ' + r.id;
    saveButton.textContent = 'Save changes';
    const s = r.scope || {};
    const set = (n, v) => { if (form.elements[n]) form.elements[n].value = v ?? ''; };
    set('name', r.name); set('threat', r.threat); set('weight', r.weight); set('expression', r.expression);
    set('hsPrefix', s.hsPrefix); set('origin', s.origin); set('partyId', s.partyId); set('officeId', s.officeId);
    set('validFrom', r.validFrom); set('validTo', r.validTo); set('params', paramsText(r.params));
    form.scrollIntoView({ block: 'start' });
  }

  async function disable(r, button) {
    await busy(button, async () => {
      try { await post('/rules/' + encodeURIComponent(r.id) + '/disable', {}); toast('Rule ' + r.name + ' disabled.'); load(); }
      catch (e) { toast(e.detail || String(e), 'error'); }
    });
  }

  const errorsOut = h('div#rule-errors', loading());
  page.append(h('section.card', title, form), card('Rules', list), card('Rule errors', errorsOut));
  variables(expression, variablesHint, variablesHelp);

  async function load() {
    clear(list, loading());
    try {
      // GET /rules answers [{rule, stats}]
      const rs = (await get('/rules')).map((x) => ({ ...x.rule, stats: x.stats }));
      clear(list, table([
        { label: 'Name', render: (r) => h('span', h('b', r.name), h('div.muted.small', r.id + (r.version ? '@' + r.version : ''))) },
        { label: 'Threat', key: 'threat' },
        { label: 'Weight', key: 'weight', cls: 'num' },
        { label: 'Scope', render: (r) => scopeText(r.scope) },
        { label: 'Expression', render: (r) => h('span', h('code.expr', r.expression),
          paramsText(r.params) ? h('div.muted.small', 'params: ' + paramsText(r.params)) : null) },
        { label: 'Valid', render: (r) => (r.validFrom || r.validTo ? fmtDay(r.validFrom) + ' → ' + fmtDay(r.validTo) : 'always') },
        { label: 'Hits', render: (r) => (r.stats ? h('span', fmtNum(r.stats.hits) + ' / ' + fmtNum(r.stats.evaluations),
          r.stats.errors ? h('div.small.error-text', { title: r.stats.lastError || '' }, fmtNum(r.stats.errors) + ' errors') : null) : null), cls: 'num' },
        { label: 'State', render: (r) => (r.enabled === false ? h('span.badge.grey', 'disabled') : h('span.badge.green', 'enabled')) },
        { label: '', render: (r) => h('span.rowactions',
          h('button.small', { type: 'button', onclick: () => edit(r) }, 'Edit'),
          r.enabled === false ? null : h('button.small.danger', { type: 'button', onclick: (e) => disable(r, e.target) }, 'Disable')) },
      ], rs, { id: 'rules', empty: 'No rules yet.' }));
    } catch (e) { clear(list, problemBox(e)); }
    loadErrors();
  }

  async function loadErrors() {
    try {
      const r = await get('/rules/errors');
      const failing = r.failingRules || [];
      clear(errorsOut,
        h('p' + (failing.length || r.modelErrors ? '' : '.muted') + '#rule-errors-summary', fmtNum(r.ruleErrors), ' of ', fmtNum(r.ruleEvaluations),
          ' rule evaluations failed since the rules in force were loaded (a failing rule is skipped, scoring goes on). Model ',
          r.model || '', ': ', fmtNum(r.modelErrors), ' scoring failure(s) since the server started',
          r.lastModelError ? [', last: ', h('code.details', r.lastModelError)] : null, '.'),
        failing.length === 0 ? h('p#failing-rules', 'No rule has failed.') : table([
          { label: 'Rule', render: (x) => h('span', h('b', x.name), h('div.muted.small', x.ruleRef)) },
          { label: 'Errors', render: (x) => fmtNum(x.errors) + ' / ' + fmtNum(x.evaluations), cls: 'num' },
          { label: 'Last error', render: (x) => h('code.details', x.lastError) },
        ], failing, { id: 'failing-rules', empty: 'No rule has failed.' }));
    } catch (e) { clear(errorsOut, problemBox(e)); }
  }
  await load();
}

const LEVELS = { item: 'per goods item', declaration: 'same for the whole declaration', rule: "the rule's own" };

/** The rule variables, from the server's catalogue: their names under the expression, their meaning in a table. */
async function variables(expression, hint, help) {
  let vars;
  try {
    vars = await get('/rules/variables');
  } catch (e) {
    clear(hint, 'The list of variables is not available right now.');
    clear(help, h('summary', 'What each variable means'), problemBox(e));
    return;
  }
  const insert = (name) => {
    const at = expression.selectionStart ?? expression.value.length;
    const before = expression.value.slice(0, at);
    const text = (before && !/[\s(!]$/.test(before) ? ' ' : '') + (name === 'params' ? 'params.' : name);
    expression.setRangeText(text, at, expression.selectionEnd ?? at, 'end');
    expression.focus();
  };
  const byType = new Map();
  for (const v of vars) {
    if (!byType.has(v.type)) byType.set(v.type, []);
    byType.get(v.type).push(v.name === 'params' ? 'params.<name>' : v.name);
  }
  clear(hint, 'Variables: ', [...byType].map(([type, names], i) => [i ? '; ' : '', names.join(', '), ' (', type, ')']),
    '. Open the list below for their meaning and units; click a name there to insert it.');
  clear(help, h('summary', 'What each variable means (' + vars.length + ')'), table([
    { label: 'Variable', render: (v) => h('button.link.mono', { type: 'button', title: 'Insert into the expression', onclick: () => insert(v.name) },
      v.name === 'params' ? 'params.<name>' : v.name) },
    { label: 'Type', key: 'type' },
    { label: 'Level', render: (v) => LEVELS[v.level] || v.level },
    { label: 'Unit', key: 'unit' },
    { label: 'Meaning', key: 'description' },
  ], vars, { id: 'rule-variables-table' }));
}

function draftOf(f, editing) {
  return { name: f.name || null, expression: f.expression || '', threat: f.threat, weight: f.weight !== undefined ? Number(f.weight) : null,
    scope: scopeOf(f), params: paramsOf(f.params, editing), validFrom: f.validFrom || null, validTo: f.validTo || null };
}

function paramsText(params) {
  return Object.entries(params || {}).map(([k, v]) => k + '=' + v).join(', ');
}

/** "min_value=50000, rate=0.2" as a map of numbers; empty means none (when editing: remove them). */
function paramsOf(text, editing) {
  const out = {};
  for (const part of String(text || '').split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = part.match(/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)$/);
    if (!m || !isFinite(Number(m[2]))) {
      throw { status: 422, detail: '"' + part + '" is not name=number; write e.g. min_value=50000, rate=0.2' };
    }
    out[m[1]] = Number(m[2]);
  }
  return Object.keys(out).length || editing ? out : null;
}

function scopeOf(f) {
  return { hsPrefix: f.hsPrefix || null, origin: f.origin || null, partyId: f.partyId || null, officeId: f.officeId || null };
}

export async function watchlists(page) {
  page.append(pageTitle('Watch lists', 'Listed parties (matched by id and, fuzzily, by name) and targeted commodities (HS prefix and origin).'));
  page.append(
    watchCard('parties', 'Parties', [
      ['entryId', 'Entry id'], ['partyId', 'Party id'], ['name', 'Name'], ['reason', 'Reason'], ['source', 'Source'],
      ['validFrom', 'Valid from', 'date'], ['validTo', 'Valid to', 'date'],
    ], 'entry_id,party_id,name,aliases,reason,source,valid_from,valid_to'),
    watchCard('commodities', 'Commodities', [
      ['entryId', 'Entry id'], ['hsPrefix', 'HS prefix'], ['origin', 'Origin'], ['threat', 'Threat', THREATS], ['reason', 'Reason'],
      ['validFrom', 'Valid from', 'date'], ['validTo', 'Valid to', 'date'],
    ], 'entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason'));
}

function watchCard(kind, title, fields, csvHeader) {
  const list = h('div', { id: 'watch-' + kind }, loading());
  const out = h('div');
  const addButton = h('button.primary', { type: 'submit', id: 'wl-add-' + kind }, 'Add');
  const form = h('form.stack', {
    onsubmit: async (e) => {
      e.preventDefault();
      const body = formValues(form);
      if (body.aliases) body.aliases = body.aliases.split('|').map((s) => s.trim());
      clear(out);
      await busy(addButton, async () => {
        try {
          if (!body.entryId) body.entryId = (kind === 'parties' ? 'P-' : 'C-') + Date.now().toString(36).toUpperCase();
          await post('/watchlists/' + kind, body);
          toast('Added to the ' + kind + ' watch list.');
          form.reset();
          load();
        }
        catch (err) { clear(out, problemBox(err)); }
      });
    },
  }, h('div.grid4', fields.map(([name, label, type]) => field(label,
    Array.isArray(type) ? select(name, type, { id: 'wl-' + kind + '-' + name })
      : input(name, { id: 'wl-' + kind + '-' + name, type: type || 'text' })))),
  h('div.actions', addButton));

  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  const upButton = h('button', { type: 'submit' }, 'Upload CSV');
  const upload = h('form.filters', {
    onsubmit: async (e) => {
      e.preventDefault();
      if (!file.files[0]) return;
      clear(out);
      await busy(upButton, async () => {
        try {
          const r = await post('/watchlists/import?kind=' + kind, await file.files[0].text(), { contentType: 'text/csv' });
          toast(r.entries + ' entries imported.');
          load();
        } catch (err) { clear(out, problemBox(err)); }
      });
    },
  }, field('CSV file', file, 'header: ' + csvHeader), upButton);

  async function load() {
    clear(list, loading());
    try {
      const entries = await get('/watchlists/' + kind);
      const cols = fields.map(([name, label]) => ({
        label, render: (x) => (name === 'threat' && x[name] ? levelBadgeless(x[name]) : (x[name] ?? null)),
      }));
      clear(list, table(cols, entries, { empty: 'The list is empty.' }));
    } catch (e) { clear(list, problemBox(e)); }
  }
  load();
  return card(title, list, h('h3', 'Add an entry'), form, h('h3', 'Import from CSV'), upload, out);
}

function levelBadgeless(threat) { return h('span.badge.orange', String(threat)); }

