// SMART Customs web workspace: session, role-based navigation and hash routing.
import { api, session, setUnauthorizedHandler } from './api.js';
import { h, clear, toast } from './ui.js';
import * as login from './pages/login.js';
import * as trader from './pages/trader.js';
import * as estimate from './pages/estimate.js';
import * as lists from './pages/worklist.js';
import * as detail from './pages/detail.js';
import * as postClearance from './pages/postclearance.js';
import * as analyst from './pages/analyst.js';
import * as dashboard from './pages/dashboard.js';
import * as admin from './pages/admin.js';
import * as travel from './pages/travel.js';
import * as knowledge from './pages/knowledge.js';
import * as statistics from './pages/statistics.js';
import * as enforcement from './pages/enforcement.js';

const CUSTOMS = ['OFFICER', 'ANALYST', 'AUDITOR', 'ADMIN', 'INTELLIGENCE'];

/**
 * Routes: pattern, roles allowed (null = any signed-in user), nav label, navRoles (who sees the link in the
 * menu when not everyone allowed should: administrators reach analyst and auditor pages by the links on
 * their pages or by address, keeping their menu short), render.
 */
export const ROUTES = [
  { path: 'my', roles: ['TRADER'], nav: 'My declarations', render: trader.myDeclarations },
  { path: 'submit', roles: ['TRADER', 'ADMIN'], nav: 'New declaration', navRoles: ['TRADER'], render: trader.submit },
  { path: 'notifications', roles: ['TRADER'], nav: 'Notifications', render: trader.notifications },
  { path: 'worklist', roles: ['OFFICER', 'ADMIN'], nav: 'Worklist', render: lists.worklist },
  { path: 'declarations', roles: CUSTOMS, nav: 'Declarations', render: lists.declarations },
  { path: 'post-clearance', roles: ['AUDITOR', 'ADMIN'], nav: 'Post-clearance', navRoles: ['AUDITOR', 'ADMIN'], render: postClearance.render },
  { path: 'rules', roles: ['ANALYST', 'ADMIN'], nav: 'Rules', navRoles: ['ANALYST', 'ADMIN'], render: analyst.rules },
  { path: 'watchlists', roles: ['ANALYST', 'ADMIN'], nav: 'Watch lists', navRoles: ['ANALYST'], render: analyst.watchlists },
  { path: 'dashboard', roles: CUSTOMS, nav: 'Dashboard', render: dashboard.render },
  { path: 'estimate', roles: null, nav: 'Duty estimator', navRoles: ['TRADER', 'OFFICER', 'ANALYST', 'AUDITOR'], render: estimate.render },
  { path: 'admin/users', roles: ['ADMIN'], nav: 'Users', render: admin.users },
  { path: 'admin/models', roles: ['ADMIN'], nav: 'Models', render: admin.models },
  { path: 'audit', roles: ['AUDITOR', 'ADMIN'], nav: 'Audit trail', render: admin.audit },
  { path: 'arrivals', roles: CUSTOMS, nav: 'Arrivals', render: travel.arrivals },
  { path: 'statistics', roles: null, nav: 'Statistics', render: statistics.render },
  { path: 'declaration/:id', roles: null, render: detail.render },
  { path: 'assistant', roles: null, nav: 'Ask customs', navRoles: ['TRADER'], render: knowledge.assistant },
  { path: 'classify', roles: null, nav: 'Classify goods', navRoles: ['TRADER'], render: knowledge.classifyPage },
  { path: 'helpdesk', roles: ['HELPDESK', 'ADMIN'], nav: 'Helpdesk', navRoles: ['HELPDESK'], render: knowledge.helpdesk },
  { path: 'knowledge-base', roles: ['HELPDESK', 'ADMIN'], nav: 'Knowledge base', navRoles: ['HELPDESK'], render: knowledge.knowledgeBase },
  { path: 'enforcement', roles: ['OFFICER', 'ANALYST', 'INTELLIGENCE', 'ADMIN'], nav: 'Enforcement', navRoles: ['OFFICER', 'ANALYST', 'INTELLIGENCE'], render: enforcement.render },
  { path: 'enforcement/seizure/:id', roles: ['OFFICER', 'ANALYST', 'INTELLIGENCE', 'ADMIN'], render: enforcement.seizure },
  { path: 'enforcement/graph/:entity', roles: ['INTELLIGENCE', 'ADMIN'], render: enforcement.graph },
  { path: 'enforcement/offline', roles: ['OFFICER', 'INTELLIGENCE', 'ADMIN'], nav: 'Seizure (offline)', navRoles: ['OFFICER'], render: enforcement.offline },
];

const HOME = { TRADER: 'my', OFFICER: 'worklist', ANALYST: 'rules', AUDITOR: 'post-clearance', ADMIN: 'admin/users',
  HELPDESK: 'helpdesk', RESEARCHER: 'statistics', DATA_STEWARD: 'statistics', INTELLIGENCE: 'enforcement' };

export function allowed(route, user) {
  return !!user && (!route.roles || route.roles.includes(user.role));
}

export function go(path) {
  const target = '#/' + path;
  if (location.hash === target) route(); else location.hash = target;
}

function match(hashPath) {
  for (const r of ROUTES) {
    const names = [];
    const re = new RegExp('^' + r.path.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; }) + '$');
    const m = hashPath.match(re);
    if (m) {
      const params = {};
      names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

function renderHeader(user, current) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('whoami');
  if (!user) {
    clear(nav);
    clear(who);
    return;
  }
  clear(nav, ROUTES.filter((r) => r.nav && allowed(r, user) && (!r.navRoles || r.navRoles.includes(user.role))).map((r) =>
    h('a', { href: '#/' + r.path, class: current === r ? 'active' : null, 'data-route': r.path }, r.nav)));
  clear(who,
    h('span.user', { id: 'current-user' }, user.username),
    h('span.badge.role', { id: 'current-role' }, user.role),
    user.partyId ? h('span.party.muted', user.partyId) : null,
    h('button.link#logout', { type: 'button', onclick: logout }, 'Log out'));
}

async function logout() {
  try { await api('POST', '/auth/logout'); } catch { /* the token may already be gone */ }
  session.clear();
  toast('You are logged out.');
  go('login');
}

export function signedIn(token, user) {
  session.save(token, user);
  go(HOME[user.role] || 'estimate');
}

let seq = 0;
async function route() {
  const my = ++seq;
  const view = document.getElementById('view');
  const hashPath = (location.hash || '').replace(/^#\/?/, '').split('?')[0];
  const user = session.user;
  if (!session.token || !user) {
    renderHeader(null);
    document.body.classList.add('signed-out');
    if (hashPath === 'statistics') {
      // trade statistics are public: the protected tables and charts, no sign-in
      const pub = h('div.page', { 'data-page': 'statistics', 'data-hash': hashPath, 'data-seq': String(my) });
      clear(view, pub);
      pub.appendChild(h('p.public-back', h('a#sign-in-link', { href: '#/login' }, '← Sign in')));
      try { await statistics.render(pub); } finally { pub.dataset.ready = '1'; }
      return;
    }
    const page = h('div.page');
    clear(view, page);
    if (hashPath === 'ask') { knowledge.publicAssistant(page); return; }
    login.render(page, {}, { signedIn });
    page.appendChild(knowledge.askLink());
    page.appendChild(h('p.knowledge-asklink', h('a#public-statistics-link', { href: '#/statistics' }, 'Trade statistics (public, no sign-in)')));
    return;
  }
  document.body.classList.remove('signed-out');
  if (hashPath === '' || hashPath === 'login') { go(HOME[user.role] || 'estimate'); return; }
  const m = match(hashPath);
  renderHeader(user, m && m.route);
  const page = h('div.page', { 'data-page': m ? m.route.path : 'unknown', 'data-hash': hashPath, 'data-seq': String(my) });
  clear(view, page);
  if (!m) {
    page.appendChild(h('div.alert.error', h('strong', 'Page not found'), h('p', 'There is no page at #/' + hashPath + '.')));
    page.dataset.ready = '1';
    return;
  }
  if (!allowed(m.route, user)) {
    page.appendChild(h('div.alert.error#forbidden', { role: 'alert' }, h('strong', 'Not permitted'),
      h('p', 'Your role (' + user.role + ') may not open this page.')));
    page.dataset.ready = '1';
    return;
  }
  try {
    await m.route.render(page, m.params, { user, go, isCurrent: () => my === seq });
  } catch (e) {
    console.error(e);
    page.appendChild(h('div.alert.error', h('strong', 'This page failed to load'), h('p', e.message || String(e))));
  } finally {
    // data-ready: the page has rendered what it shows first (tests wait for it, not for a guess at the DOM)
    page.dataset.ready = '1';
  }
}

setUnauthorizedHandler(() => {
  if (!session.token) return;
  session.clear();
  toast('Your session has ended. Please sign in again.', 'error');
  route();
});

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', async () => {
  if (session.token) {
    try {
      const me = await api('GET', '/me');
      session.save(session.token, { ...session.user, ...me });
    } catch { /* 401 handled above */ }
  }
  route();
});
