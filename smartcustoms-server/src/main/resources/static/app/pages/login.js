import { api, ApiError } from '../api.js';
import { h, clear, problemBox, busy } from '../ui.js';

export function render(page, params, { signedIn }) {
  const msg = h('div#login-message');
  const user = h('input#username', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input#password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button.primary#login-button', { type: 'submit' }, 'Sign in');
  const form = h('form.login-form#login-form', {
    onsubmit: async (e) => {
      e.preventDefault();
      clear(msg);
      await busy(button, async () => {
        try {
          const s = await api('POST', '/auth/login', { username: user.value.trim(), password: pass.value });
          signedIn(s.token, { username: s.username, role: s.role, partyId: s.partyId, expiresAt: s.expiresAt });
        } catch (err) {
          if (err instanceof ApiError && err.status === 401) {
            msg.appendChild(h('div.alert.error', { role: 'alert' }, 'Unknown user or wrong password.'));
          } else {
            msg.appendChild(problemBox(err));
          }
          pass.value = '';
          pass.focus();
        }
      });
    },
  },
  h('h1', 'Sign in'),
  h('p.muted', 'SMART Customs workspace for traders, officers, analysts, auditors and administrators.'),
  msg,
  h('label.field', h('span.label', 'User name'), user),
  h('label.field', h('span.label', 'Password'), pass),
  button);
  page.appendChild(h('div.login-wrap', form));
}
