// Knowledge services (issue 15): the inquiry assistant's chat (public and trader portal), the helpdesk queue, the
// knowledge-base editor, the classification assistant and its hooks in the declaration form and the duty estimator.
// Every text from the API or the user goes through textContent (h()), never innerHTML.
import { api, get, post, put } from '../api.js';
import { h, clear, pageTitle, card, field, input, table, problemBox, toast, busy, fmtDate } from '../ui.js';

const CONV_KEY = 'sc.knowledge.conversation';

/** A chat panel: messages, a question box, feedback on answers, polling for helpdesk replies after a hand-off. */
export function chatPanel() {
  const log = h('div.knowledge-log#chat-log', { 'aria-live': 'polite' });
  const box = h('textarea.knowledge-question#chat-question', { name: 'question', rows: 2, maxlength: 1000,
    placeholder: 'Ask a question, e.g. "How is the import duty calculated?"' });
  const send = h('button.primary#chat-send', { type: 'submit' }, 'Ask');
  let conversationId = sessionStorage.getItem(CONV_KEY);
  let shown = new Set();
  let timer = null;

  function bubble(m) {
    const who = m.author === 'USER' ? 'You' : m.author === 'STAFF' ? 'Customs helpdesk (' + (m.staff || 'staff') + ')' : 'Assistant';
    const el = h('div.knowledge-msg', { class: 'knowledge-' + m.author.toLowerCase() + ' knowledge-kind-' + (m.kind || '').toLowerCase(),
      'data-kind': m.kind || '' },
    h('div.knowledge-who', who), h('div.knowledge-text', m.text));
    if (m.entryId) el.appendChild(h('div.knowledge-source.muted', 'Source: knowledge-base entry ' + m.entryId
      + (m.entryVersion ? ' v' + m.entryVersion : '') + (m.confidence != null ? ' · confidence ' + Math.round(m.confidence * 100) + '%' : '')));
    if (m.author !== 'USER' && m.id && (m.kind === 'ANSWER' || m.kind === 'REPLY')) {
      const fb = h('div.knowledge-feedback');
      const rate = (helpful) => async () => {
        try {
          await post('/assistant/conversations/' + encodeURIComponent(conversationId) + '/messages/' + m.id + '/feedback', { helpful });
          clear(fb, h('span.muted', 'Thank you for your feedback.'));
        } catch (e) { clear(fb, problemBox(e)); }
      };
      if (m.feedback) fb.appendChild(h('span.muted', m.feedback === 'HELPFUL' ? 'Rated helpful' : 'Rated not helpful'));
      else fb.append(h('button.link', { type: 'button', onclick: rate(true) }, 'Helpful'), h('button.link', { type: 'button', onclick: rate(false) }, 'Not helpful'));
      el.appendChild(fb);
    }
    return el;
  }

  async function refresh() {
    if (!conversationId) return;
    try {
      const c = await get('/assistant/conversations/' + encodeURIComponent(conversationId));
      for (const m of c.messages) {
        if (shown.has(m.id)) continue;
        shown.add(m.id);
        log.appendChild(bubble(m));
      }
      log.scrollTop = log.scrollHeight;
      const waiting = c.messages.length && c.messages.some((m) => m.kind === 'HANDOFF')
        && c.messages[c.messages.length - 1].author !== 'STAFF';
      schedule(waiting);
    } catch (e) {
      if (e.status === 404) { sessionStorage.removeItem(CONV_KEY); conversationId = null; shown = new Set(); clear(log); }
    }
  }

  function schedule(waiting) {
    clearTimeout(timer);
    if (waiting && document.body.contains(log)) timer = setTimeout(refresh, 2000);
  }

  const form = h('form.knowledge-chat#chat-form', {
    onsubmit: async (e) => {
      e.preventDefault();
      const question = box.value.trim();
      if (!question) return;
      await busy(send, async () => {
        try {
          const r = await post('/assistant/ask', { question, conversationId });
          conversationId = r.conversationId;
          sessionStorage.setItem(CONV_KEY, conversationId);
          box.value = '';
          await refresh();
        } catch (err) { log.appendChild(problemBox(err)); }
      });
    },
  }, log, h('div.knowledge-ask', box, send),
  h('p.muted.small', 'Answers come from the customs knowledge base. If the assistant is not sure, a colleague of the helpdesk answers here.'));
  refresh();
  return form;
}

/** #/ask without signing in, and #/assistant in the portal. */
export function publicAssistant(page) {
  page.append(pageTitle('Ask customs', 'Questions about travelling, importing, duty and procedures — answered 24/7.'),
    card(null, chatPanel()), h('p', h('a', { href: '#/login', onclick: () => { location.hash = '#/login'; location.reload(); } }, 'Sign in')));
}

export async function assistant(page, params, { user }) {
  page.append(pageTitle('Ask customs', user && user.role === 'TRADER'
    ? 'Ask about procedures, or about your own declaration by its reference (e.g. "where is my declaration LRN-123?").'
    : 'Questions about travelling, importing, duty and procedures.'), card(null, chatPanel()));
}

/** A link under the sign-in form to the public assistant. */
export function askLink() {
  return h('p.knowledge-asklink', h('a#ask-link', { href: '#/ask' }, 'Questions? Ask the customs assistant without signing in'));
}

/** Helpdesk queue: open hand-offs with their conversations, a reply box, and the most frequent unanswered questions. */
export async function helpdesk(page) {
  page.append(pageTitle('Helpdesk', 'Questions the assistant handed off. Your reply appears in the user\'s conversation.'));
  const queue = h('div#helpdesk-queue');
  const detail = h('div#helpdesk-detail');
  const ranking = h('div#helpdesk-unanswered');
  const ratings = h('div#helpdesk-feedback');
  page.append(h('div.cols', card('Open questions', queue), card('Conversation', detail)), card('Most frequent handed-off questions', ranking),
    card('How users rated the answers', ratings));

  async function load() {
    try {
      const tickets = await get('/helpdesk/tickets', { status: 'OPEN' });
      clear(queue, tickets.length ? table([
        { label: '#', render: (t) => String(t.id) },
        { label: 'Question', render: (t) => h('button.link.helpdesk-open', { type: 'button', 'data-ticket': t.id, onclick: () => open(t.id) }, t.question) },
        { label: 'Asked', render: (t) => fmtDate(t.createdAt) },
      ], tickets) : h('p.muted#helpdesk-empty', 'No open questions.'));
      const top = await get('/helpdesk/unanswered', { limit: 10 });
      clear(ranking, top.length ? table([
        { label: 'Question', render: (q) => q.question }, { label: 'Times', render: (q) => String(q.count) }, { label: 'Last', render: (q) => fmtDate(q.last) },
      ], top) : h('p.muted', 'Nothing handed off yet.'));
      const rated = await get('/helpdesk/feedback', { limit: 20 });
      clear(ratings, rated.length ? table([
        { label: 'Entry', render: (f) => f.entryId }, { label: 'Helpful', render: (f) => String(f.helpful) },
        { label: 'Not helpful', render: (f) => String(f.notHelpful) },
      ], rated) : h('p.muted', 'No answer rated yet.'));
    } catch (e) { clear(queue, problemBox(e)); }
  }

  async function open(id) {
    try {
      const v = await get('/helpdesk/tickets/' + id);
      const answer = h('textarea#helpdesk-answer', { name: 'answer', rows: 4, maxlength: 4000, required: true });
      const send = h('button.primary#helpdesk-send', { type: 'submit' }, 'Send reply');
      const form = h('form.stack', {
        onsubmit: async (e) => {
          e.preventDefault();
          await busy(send, async () => {
            try {
              await post('/helpdesk/tickets/' + id + '/reply', { answer: answer.value });
              toast('Reply sent.');
              clear(detail, h('p.muted', 'Reply sent to the conversation.'));
              await load();
            } catch (err) { form.appendChild(problemBox(err)); }
          });
        },
      }, field('Your answer', answer), h('div.actions', send));
      clear(detail, h('div.knowledge-log', v.conversation.map((m) => h('div.knowledge-msg', { class: 'knowledge-' + m.author.toLowerCase() },
        h('div.knowledge-who', m.author === 'USER' ? 'User' : m.author === 'STAFF' ? 'Helpdesk' : 'Assistant'), h('div.knowledge-text', m.text)))),
      v.ticket.status === 'OPEN' ? form : h('p.muted', 'Answered by ' + v.ticket.answeredBy));
    } catch (e) { clear(detail, problemBox(e)); }
  }
  await load();
}

/** Knowledge-base entries with an edit form (each save is a new version). */
export async function knowledgeBase(page) {
  page.append(pageTitle('Knowledge base', 'Entries the assistant answers from. Each save creates a new version.'));
  const list = h('div#kb-list');
  const editor = h('div#kb-editor');
  page.append(card('Edit entry', editor), card('Entries', list));
  function edit(s) {
    const e = s ? s.entry : { id: '', topic: '', question: '', answer: '', audience: 'public', language: 'en', version: 0 };
    const f = h('form.stack#kb-form', {
      onsubmit: async (ev) => {
        ev.preventDefault();
        const val = (n) => f.elements[n].value;
        try {
          await put('/knowledge/entries/' + encodeURIComponent(val('id').trim()), { topic: val('topic'), question: val('question'),
            answer: val('answer'), audience: val('audience'), language: val('language'), active: f.elements.active.checked,
            version: e.version || null });
          toast('Saved.');
          await load();
          edit(null);
        } catch (err) { f.appendChild(problemBox(err)); }
      },
    },
    h('div.grid4', field('Id', input('id', { value: e.id, required: true, readonly: s ? true : null })), field('Topic', input('topic', { value: e.topic })),
      field('Audience', input('audience', { value: e.audience })), field('Language', input('language', { value: e.language, maxlength: 2 }))),
    field('Question', input('question', { value: e.question, required: true })),
    field('Answer', h('textarea', { name: 'answer', rows: 5, required: true }, e.answer)),
    h('label.field.check', input('active', { type: 'checkbox', checked: s ? s.active : true }), h('span', 'In use')),
    h('div.actions', h('button.primary', { type: 'submit' }, s ? 'Save version ' + (e.version + 1) : 'Create entry')));
    clear(editor, f);
  }
  async function load() {
    try {
      const entries = await get('/knowledge/entries');
      clear(list, table([
        { label: 'Id', render: (s) => h('button.link', { type: 'button', onclick: () => edit(s) }, s.entry.id) },
        { label: 'Question', render: (s) => s.entry.question }, { label: 'Audience', render: (s) => s.entry.audience },
        { label: 'Version', render: (s) => String(s.entry.version) }, { label: 'In use', render: (s) => (s.active ? 'yes' : 'no') },
        { label: 'Changed', render: (s) => s.updatedBy + ', ' + fmtDate(s.updatedAt) },
      ], entries));
    } catch (e) { clear(list, problemBox(e)); }
  }
  edit(null);
  await load();
}

function suggestionList(suggestions, onPick, cls) {
  return h('ul.knowledge-suggestions', { class: cls || null }, suggestions.map((s) => h('li',
    h('button.link.knowledge-pick', { type: 'button', 'data-code': s.hs6, onclick: () => onPick(s) },
      s.hs6.slice(0, 4) + '.' + s.hs6.slice(4)),
    h('span', ' ' + Math.round(s.confidence * 100) + '% — ' + (s.path.find((n) => n.level === 'heading') || {}).description + ' › ' + s.description),
    s.matchedKeywords.length ? h('span.muted', ' (' + [...new Set(s.matchedKeywords)].join(', ') + ')') : null)));
}

/** Code suggestions under a declaration item while the trader types its description (additive hook in trader.js). */
export function attachCodeSuggestions(row) {
  const desc = row.querySelector('.i-description');
  const hs = row.querySelector('.i-hs');
  if (!desc || !hs) return;
  const box = h('div.knowledge-suggest', { 'data-for': row.dataset.item || '' });
  row.appendChild(box);
  let timer = null;
  let asked = '';
  desc.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = desc.value.trim();
      if (text.length < 3 || text === asked) return;
      asked = text;
      try {
        const r = await post('/classify', { description: text, limit: 5 });
        if (desc.value.trim() !== text) return;
        clear(box, h('span.muted', 'Suggested HS codes: '), suggestionList(r.suggestions, (s) => {
          hs.value = s.hs6;
          hs.dispatchEvent(new Event('input', { bubbles: true }));
          clear(box);
        }));
      } catch (e) { clear(box, h('span.muted', 'No suggestions (' + e.message + ')')); }
    }, 400);
  });
}

/** Parses "500 cotton T-shirts from Bangladesh, 2,000 USD" into value, currency and origin hints. */
export function parseGoods(text) {
  const out = {};
  const money = text.match(/(\d[\d,. ]*)\s*(USD|EUR|JPY|CNY|GBP|KRW|THB|VND|BDT|INR|AUD|CAD)\b/i)
    || text.match(/\b(USD|EUR|JPY|CNY|GBP)\s*(\d[\d,. ]*)/i);
  if (money) {
    const [num, cur] = /\d/.test(money[1]) ? [money[1], money[2]] : [money[2], money[1]];
    out.value = Number(num.replace(/[, ]/g, ''));
    out.currency = cur.toUpperCase();
  }
  const COUNTRIES = { bangladesh: 'BD', china: 'CN', vietnam: 'VN', 'viet nam': 'VN', india: 'IN', thailand: 'TH', korea: 'KR',
    germany: 'DE', france: 'FR', italy: 'IT', 'united states': 'US', usa: 'US', indonesia: 'ID', malaysia: 'MY', mexico: 'MX',
    australia: 'AU', canada: 'CA', 'united kingdom': 'GB', uk: 'GB', spain: 'ES', turkey: 'TR', pakistan: 'PK', cambodia: 'KH' };
  const from = text.toLowerCase().match(/\bfrom\s+([a-z ]+?)(?:[,.;]|\s+\d|$)/);
  if (from) {
    const name = from[1].trim();
    out.origin = COUNTRIES[name] || (name.length === 2 ? name.toUpperCase() : undefined);
  }
  const qty = text.match(/^\s*(\d[\d,]*)\s+[a-z]/i);
  if (qty) out.quantity = Number(qty[1].replace(/,/g, ''));
  return out;
}

/** "Describe your goods" in the duty estimator: classify, pick a code, and the estimate runs with it. */
export function describeGoods(form) {
  const text = h('input#describe-goods', { name: 'goodsDescription', placeholder: '500 cotton T-shirts from Bangladesh, 2,000 USD', size: 60, maxlength: 1000 });
  const button = h('button#describe-button', { type: 'submit' }, 'Suggest codes');
  const out = h('div#describe-result');
  const f = h('form.knowledge-describe', {
    onsubmit: async (e) => {
      e.preventDefault();
      const description = text.value.trim();
      if (!description) return;
      await busy(button, async () => {
        try {
          const r = await post('/classify', { description, limit: 5 });
          const hints = parseGoods(description);
          clear(out, h('p.muted', 'Pick the code that fits; the estimate below is computed with it.'), suggestionList(r.suggestions, (s) => {
            const set = (n, v) => { if (v !== undefined && v !== null && form.elements[n]) form.elements[n].value = String(v); };
            set('hsCode', s.hs6);
            set('origin', hints.origin);
            set('value', hints.value);
            set('currency', hints.currency);
            if (hints.origin && form.elements.proofOfOrigin) form.elements.proofOfOrigin.checked = true;
            form.requestSubmit();
          }, 'describe'));
        } catch (err) { clear(out, problemBox(err)); }
      });
    },
  }, field('Describe your goods', text, 'material, use and origin help; value and currency are taken over too'), h('div.actions', button), out);
  return card('Describe your goods', f);
}

/** #/classify: the classification assistant with its evidence. */
export async function classifyPage(page) {
  page.append(pageTitle('Classify goods', 'Describe the goods; the assistant suggests HS subheadings with the evidence. The choice stays yours.'));
  const text = h('textarea#classify-text', { name: 'description', rows: 2, maxlength: 1000, placeholder: 'e.g. men\'s knitted cotton T-shirts' });
  const button = h('button.primary#classify-button', { type: 'submit' }, 'Suggest');
  const out = h('div#classify-result');
  const f = h('form.stack', {
    onsubmit: async (e) => {
      e.preventDefault();
      await busy(button, async () => {
        try {
          const r = await post('/classify', { description: text.value, limit: 5 });
          clear(out, r.suggestions.map((s) => card(s.hs6.slice(0, 4) + '.' + s.hs6.slice(4) + ' — ' + Math.round(s.confidence * 100) + '%',
            h('ol.knowledge-path', s.path.map((n) => h('li', h('b', n.level + ' ' + n.code + ': '), n.description))),
            s.matchedTerms.length ? h('p', 'Matched: ' + s.matchedTerms.join('; ')) : null,
            s.matchedKeywords.length ? h('p', 'Trade words: ' + [...new Set(s.matchedKeywords)].join(', ')) : null,
            s.similar.length ? h('p', 'Similar past declarations: ' + s.similar.map((x) => (x.description ? '"' + x.description + '"' : 'a past declaration') + ' → ' + x.hs6).join('; ')) : null,
            s.nationalLines.length ? h('p', 'National lines: ' + s.nationalLines.map((n) => n.code).join(', ')) : null)));
        } catch (err) { clear(out, problemBox(err)); }
      });
    },
  }, field('Goods description', text), h('div.actions', button));
  page.append(card(null, f), out);
}

export { api };
