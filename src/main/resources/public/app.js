// The chat page: asks /api/ask as a stream of server-sent events, shows the answer as it comes with each [n]
// marker a link, and opens the cited article beside the chat at the cited lines. No framework, no build step.
'use strict';

const STORE = 'footnote.conversation';
const MAX_KEPT_TURNS = 50;
// How the server begins a model's reply that cites no passage: unchecked, which is not "not in the articles".
const UNCHECKED = "The model's answer could not be checked against the articles";

const $ = id => document.getElementById(id);
const answers = $('answers');
const form = $('ask');
const input = $('question');
const send = $('send');
const stop = $('stop');
const announce = $('announce');
const newConversation = $('new-conversation');
const panel = $('article');

// One conversation per page (and per browser, through localStorage): follow-ups ("When did he return?") are read
// by the server in the light of the earlier turns of the same conversation_id.
let conversation = load();
let controller = null;     // the AbortController of the answer being streamed, if any
let articleRequest = 0;    // only the latest article click may fill the panel
let articleOpener = null;  // the link that opened the article, to return focus to on Escape

/** An error the page can explain in words; anything else thrown while asking means the server is unreachable. */
class AskError extends Error {}

// ---------------------------------------------------------------- conversation kept across reloads

function load() {
  try {
    const kept = JSON.parse(localStorage.getItem(STORE));
    if (kept && Array.isArray(kept.turns)) return {id: kept.id || null, turns: kept.turns};
  } catch (e) { /* storage unavailable or unreadable: start afresh */ }
  return {id: null, turns: []};
}

function save() {
  conversation.turns = conversation.turns.slice(-MAX_KEPT_TURNS);
  try {
    localStorage.setItem(STORE, JSON.stringify(conversation));
  } catch (e) { /* storage full or disabled: the page still works, it just forgets on reload */ }
}

function showEmptyState() {
  $('empty').hidden = answers.childElementCount > 0;
}

try {
  for (const turn of conversation.turns) showAnswer(addTurn(turn.question), turn.answer, turn.question);
} catch (e) {
  // Kept by an older page, or edited by hand: start afresh rather than show half a conversation.
  answers.textContent = '';
  conversation = {id: null, turns: []};
  save();
}
showEmptyState();
if (answers.lastElementChild) answers.lastElementChild.scrollIntoView({block: 'end'});

newConversation.addEventListener('click', () => startNewConversation());

// The header's "5 articles · extractive" is polled so that it does not go stale while the server is down.
const HEALTH_POLL_MS = 15000;
// Tests shorten the poll with ?health-poll-ms=…; never below a tenth of a second.
const healthPollMs = Math.max(100, Number(new URLSearchParams(location.search).get('health-poll-ms')) || HEALTH_POLL_MS);

async function pollHealth() {
  const status = $('status');
  try {
    const response = await fetch('/api/health', {cache: 'no-store'});
    if (!response.ok) throw new Error(`health ${response.status}`);
    const h = await response.json();
    status.textContent = `${h.articles} articles · ${h.model}`;
    status.classList.remove('down');
  } catch (e) {
    status.textContent = 'server unreachable';
    status.classList.add('down');
  }
  setTimeout(pollHealth, healthPollMs);
}
pollHealth();

// ---------------------------------------------------------------- asking

form.addEventListener('submit', event => {
  event.preventDefault();
  ask(input.value.trim());
});

input.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stop.addEventListener('click', () => { if (controller) controller.abort(); });

function setBusy(busy) {
  input.disabled = busy;
  send.hidden = busy;
  stop.hidden = !busy;
  newConversation.disabled = busy;
  answers.setAttribute('aria-busy', String(busy));
  if (busy) stop.focus(); else input.focus();
}

async function ask(question, searchQuery) {
  if (!question || controller) return;
  const reply = addTurn(question);
  showEmptyState();
  reply.className = 'reply pending';
  reply.textContent = 'Looking in the articles…';
  reply.scrollIntoView({block: 'nearest'});
  controller = new AbortController();
  setBusy(true);
  let text = '';
  let citations = [];
  let answered = null;
  let started = false;
  try {
    const response = await call('/api/ask', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'text/event-stream'},
      body: JSON.stringify(askBody(question, searchQuery)),
      signal: controller.signal
    });
    if (!response.ok) {
      throw new AskError(describeStatus(response.status, await response.json().catch(() => null)));
    }
    started = true;
    if (!(response.headers.get('Content-Type') || '').includes('text/event-stream')) {
      answered = await response.json(); // a server that answers in one piece
    } else {
      for await (const event of serverEvents(response.body)) {
        if (event.name === 'delta') {
          text += event.data.text;
          showStreaming(reply, text, citations);
        } else if (event.name === 'citations') {
          citations = event.data.citations;
          showStreaming(reply, text, citations);
        } else if (event.name === 'restart') {
          // The model failed part-way; the offline answer replaces what was shown.
          text = '';
          showStreaming(reply, text, citations);
        } else if (event.name === 'answer') {
          answered = event.data;
        } else if (event.name === 'error') {
          throw new AskError(describeStatus(0, event.data));
        }
      }
    }
    if (!answered) throw new AskError('The answer broke off before it was complete. Ask again.');
    conversation.id = answered.conversation_id;
    conversation.turns.push({question, answer: answered});
    save();
    showAnswer(reply, answered, question);
    // Bring the start of the answer into view above the question box; a long one is then read downwards.
    reply.parentElement.scrollIntoView({block: reply.parentElement.offsetHeight > innerHeight * 0.6 ? 'start' : 'nearest'});
    announce.textContent = (answered.answered ? 'Answer: ' : '') + withoutMarkers(answered.answer);
    input.value = '';
  } catch (e) {
    if (e.name === 'AbortError') {
      showStopped(reply, text, citations);
    } else if (e instanceof AskError) {
      showError(reply, e.message);
    } else if (started) {
      showError(reply, 'The connection to the server broke off before the answer was complete. Ask again.');
    } else {
      showError(reply, 'The Footnote server cannot be reached. Check that it is running, then ask again.');
    }
  } finally {
    controller = null;
    setBusy(false);
  }
}

/** What went wrong, in words, from an HTTP status and the server's JSON error body (if it sent one). */
function describeStatus(status, body) {
  const said = body && body.error && body.error.message ? body.error.message : '';
  const code = body && body.error && body.error.code ? body.error.code : '';
  if (status === 429 || code === 'rate_limited') {
    return 'Too many questions at once: the server asks to slow down. Wait a moment, then ask again.';
  }
  if (status === 413 || code === 'question_too_long') {
    return 'The question is too long for the server' + (said ? ` (${said})` : '') + '. Shorten it and ask again.';
  }
  if (status === 400) return 'The server could not take this question: ' + (said || 'bad request') + '.';
  if (status >= 500 || status === 0) {
    return 'The server could not answer' + (said ? `: ${said}` : '') + '. Ask again in a moment.';
  }
  return `The server answered ${status}` + (said ? `: ${said}` : '') + '.';
}

/**
 * Server-sent events from a fetch body: {name, data} with data parsed as JSON. Comment lines (heartbeats) are
 * skipped. EventSource cannot send a POST body, so the stream is read by hand.
 */
async function* serverEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = null;
  let data = [];
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') {
        if (data.length) {
          let parsed;
          try {
            parsed = JSON.parse(data.join('\n'));
          } catch (e) {
            throw new AskError('The server sent an answer this page cannot read.');
          }
          yield {name: name || 'message', data: parsed};
        }
        name = null;
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = val;
        else if (field === 'data') data.push(val);
      }
    }
  }
}

// ---------------------------------------------------------------- showing turns

/** Appends a turn (the question and an empty reply) and returns the reply element. */
function addTurn(question) {
  const turn = element('article', 'turn');
  turn.append(element('p', 'question', question));
  const reply = element('div', 'reply');
  turn.append(reply);
  answers.append(turn);
  return reply;
}

function showStreaming(reply, text, citations) {
  reply.className = 'reply streaming';
  reply.textContent = '';
  const p = answerText(text, new Map(citations.map(c => [c.id, c])), []);
  p.append(element('span', 'caret'));
  reply.append(p);
}

function showStopped(reply, text, citations) {
  reply.className = 'reply stopped';
  reply.textContent = '';
  if (text) reply.append(answerText(text, new Map(citations.map(c => [c.id, c])), []));
  reply.append(element('p', 'note', 'Stopped. Your question is still in the box below.'));
}

function showError(reply, message) {
  reply.className = 'reply error';
  reply.setAttribute('role', 'alert');
  reply.textContent = '';
  reply.append(element('p', 'note', message));
}

function showAnswer(reply, answer, question) {
  reply.className = answer.answered ? 'reply' : 'reply refusal';
  reply.textContent = '';
  const byId = new Map(answer.citations.map(c => [c.id, c]));
  const sentences = Array.isArray(answer.sentences) ? answer.sentences : [];
  const unsupported = sentences.filter(s => s.supported === false).map(s => s.text);
  const unchecked = !answer.answered && answer.answer.startsWith(UNCHECKED);
  if (!answer.answered) reply.append(element('p', 'label', unchecked ? 'Not checked' : 'Not in the articles'));
  reply.append(answerText(answer.answer, byId, unsupported));
  const shown = unsupported.filter(s => answer.answer.includes(s));
  if (shown.length) {
    reply.append(element('p', 'note', shown.length === 1
      ? 'The underlined sentence has no source in the articles: treat it with care.'
      : 'The underlined sentences have no source in the articles: treat them with care.'));
  }
  // A refusal, or an unchecked reply, keeps what the model wrote, all unsupported, out of the text: offer it, folded.
  const hidden = unsupported.filter(s => !answer.answer.includes(s));
  if (!answer.answered && hidden.length) {
    const details = element('details', 'model-said');
    details.append(element('summary', '', unchecked ? 'What the model wrote (not checked: it cites no passage)'
      : 'What the model wrote (no source backs it)'));
    for (const s of hidden) details.append(element('p', '', s));
    reply.append(details);
  }
  if (answer.citations.length) {
    reply.append(element('h2', 'sources-head', answer.answered ? 'Sources' : 'Closest passages'));
    const claims = claimsByCitation(answer.answer);
    const sources = element('ol', 'sources');
    for (const c of answer.citations) {
      const li = element('li');
      li.value = c.id;
      const a = element('a', 'source', `${c.file}:${lineSpan(c)}`);
      a.href = '#';
      a.addEventListener('click', e => { e.preventDefault(); openArticle(c, a); });
      li.append(a, quoted(excerpt(c.quote, claims.get(c.id))));
      sources.append(li);
    }
    reply.append(sources);
  }
  if (answer.fallback) {
    reply.append(element('p', 'meta', `${answer.fallback.from} failed (${answer.fallback.message}); this is the offline answer.`));
  }
  const meta = element('div', 'meta');
  const total = answer.timings_ms ? answer.timings_ms.total : null;
  meta.append(element('span', 'model', `${answer.model}${total == null ? '' : ' · ' + duration(total)}`));
  const copy = element('button', 'copy quiet', 'Copy');
  copy.type = 'button';
  copy.setAttribute('aria-label', 'Copy the answer with its sources');
  copy.addEventListener('click', () => copyText(asText(answer), copy));
  meta.append(copy);
  reply.append(meta);
  showConversationContext(reply, answer, question);
}

/**
 * The answer text as a paragraph: each [n] a link to its citation (plain when the citation is not known yet),
 * each unsupported sentence underlined and labelled.
 */
function answerText(text, byId, unsupported) {
  const p = element('p', 'answer');
  const ranges = [];
  let from = 0;
  for (const s of unsupported) {
    const at = s ? text.indexOf(s, from) : -1;
    if (at >= 0) {
      ranges.push([at, at + s.length]);
      from = at + s.length;
    }
  }
  let last = 0;
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    appendMarked(p, text, last, m.index, ranges);
    p.append(marker(m[0], byId.get(Number(m[1]))));
    last = m.index + m[0].length;
  }
  appendMarked(p, text, last, text.length, ranges);
  return p;
}

/** Appends text[start, end), wrapping the parts inside unsupported ranges. */
function appendMarked(p, text, start, end, ranges) {
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= at || a >= end) continue;
    if (a > at) p.append(document.createTextNode(text.slice(at, a)));
    const mark = element('mark', 'unsupported', text.slice(Math.max(a, at), Math.min(b, end)));
    mark.title = 'No source in the articles backs this sentence';
    p.append(mark, element('span', 'visually-hidden', ' (no source backs this sentence)'));
    at = Math.min(b, end);
  }
  if (at < end) p.append(document.createTextNode(text.slice(at, end)));
}

function marker(label, citation) {
  if (!citation) return element('span', 'marker', label);
  const a = element('a', 'marker', label);
  a.href = '#';
  a.title = `${citation.file}:${lineSpan(citation)}`;
  a.setAttribute('aria-label', `Source ${citation.id}: ${citation.file}, ${lineWord(citation)} ${lineSpan(citation)}`);
  a.addEventListener('click', e => { e.preventDefault(); openArticle(citation, a); });
  return a;
}

/** Citation id -> the sentence before its first marker, to centre a long quote's excerpt on it. */
function claimsByCitation(text) {
  const claims = new Map();
  let sentence = '';
  for (const part of text.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    if (!m && part.trim()) sentence = part.trim();
    if (m && !claims.has(Number(m[1]))) claims.set(Number(m[1]), sentence);
  }
  return claims;
}

/** The answer with its sources as plain text, as the command line prints it. */
function asText(answer) {
  const sources = answer.citations.map(c => `[${c.id}] ${c.file}:${lineSpan(c)}  "${c.quote.replace(/\s+/g, ' ').trim()}"`);
  return answer.answer + (sources.length ? '\n\n' + sources.join('\n') : '') + '\n';
}

async function copyText(text, button) {
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch (e) {
    // No clipboard API (an insecure origin) or no permission: the old way.
    const area = element('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
    area.remove();
  }
  button.textContent = ok ? 'Copied' : 'Copy failed';
  setTimeout(() => { button.textContent = 'Copy'; }, 2000);
}

// ---------------------------------------------------------------- the article beside the chat

async function openArticle(c, opener) {
  const request = ++articleRequest;
  articleOpener = opener || null;
  for (const a of document.querySelectorAll('.marker.active, .source.active')) a.classList.remove('active');
  if (opener) opener.classList.add('active');
  const list = $('article-lines');
  const name = $('article-name');
  panel.hidden = false;
  name.textContent = `${c.file} · ${lineWord(c)} ${lineSpan(c)}`;
  const from = Math.max(1, c.start_line - 40);
  const path = c.file.split('/').map(encodeURIComponent).join('/');
  let body = null;
  try {
    const response = await call(`/api/articles/${path}?start=${from}&end=${c.end_line + 40}`);
    body = response.ok ? await response.json() : null;
  } catch (e) { /* shown below */ }
  if (request !== articleRequest) return;
  list.textContent = '';
  if (!body) {
    list.removeAttribute('start');
    list.append(element('li', 'chrome', 'The article could not be loaded.'));
    return;
  }
  list.start = body.start;
  for (const line of body.lines) {
    const li = element('li', line.content ? '' : 'chrome', line.text || '\u00a0');
    li.value = line.number;
    if (line.number >= c.start_line && line.number <= c.end_line) li.classList.add('cited');
    list.append(li);
  }
  const first = list.querySelector('.cited');
  const narrow = window.matchMedia('(max-width: 760px)').matches;
  // On a narrow screen the article sits below the chat: bring it into view.
  if (narrow) panel.scrollIntoView({block: 'start'});
  // Scroll the article panel only, not the page: the conversation stays where the reader left it.
  if (first) panel.scrollTop += first.getBoundingClientRect().top - panel.getBoundingClientRect().top - panel.clientHeight / 3;
  panel.focus({preventScroll: true});
}

function closeArticle(returnFocus) {
  panel.hidden = true;
  for (const a of document.querySelectorAll('.marker.active, .source.active')) a.classList.remove('active');
  if (returnFocus && articleOpener && articleOpener.isConnected) articleOpener.focus();
  articleOpener = null;
}

$('close-article').addEventListener('click', () => closeArticle(true));
panel.addEventListener('keydown', e => { if (e.key === 'Escape') closeArticle(true); });

// ---------------------------------------------------------------- small helpers

// A long quote is shown around the sentence it backs, so the reader sees the words that matter.
function excerpt(quote, claim) {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= 240) return flat;
  const at = claim ? flat.indexOf(claim.replace(/\s+/g, ' ')) : -1;
  if (at < 0) return cutAfter(flat.slice(0, 240));
  const end = Math.min(flat.length, at + Math.max(claim.length, 200));
  const shown = (at > 0 ? '…' : '') + flat.slice(at, end);
  return end < flat.length ? cutAfter(shown) : shown;
}

// Text cut short ends with an ellipsis, unless it already ends a sentence ("developments." not "developments.…").
function cutAfter(text) {
  const trimmed = text.trimEnd();
  return /[.!?…]["'”’)\]]*$/.test(trimmed) ? trimmed : trimmed + '…';
}

// The <q> adds its own quotation marks; where the text already has one at that end, the page adds none there.
function quoted(text) {
  const q = element('q', '', text);
  if (/^["“]/.test(text)) q.classList.add('opens-quoted');
  if (/["”]$/.test(text)) q.classList.add('closes-quoted');
  return q;
}

function withoutMarkers(text) {
  return text.replace(/\s*\[\d+\]/g, '');
}

function duration(ms) {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function lineSpan(c) {
  return c.start_line === c.end_line ? `${c.start_line}` : `${c.start_line}-${c.end_line}`;
}

function lineWord(c) {
  return c.start_line === c.end_line ? 'line' : 'lines';
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// A server with API keys answers 401: the page then asks for a key once and keeps it for this tab only.
function withKey(headers = {}) {
  const key = sessionStorage.getItem('footnote-key');
  return key ? {...headers, Authorization: 'Bearer ' + key} : headers;
}

async function call(url, options = {}) {
  let response = await fetch(url, {...options, headers: withKey(options.headers)});
  if (response.status === 401) {
    const key = window.prompt('This Footnote server needs an API key:');
    if (key && key.trim()) {
      sessionStorage.setItem('footnote-key', key.trim());
      response = await fetch(url, {...options, headers: withKey(options.headers)});
    }
  }
  return response;
}

// ---------------------------------------------------------------- what a follow-up searched, and past conversations

const HISTORY = 'footnote.conversations';
const MAX_PAST_CONVERSATIONS = 20;

/** The ask request: the conversation it continues, and the reader's own search text when they edited it. */
function askBody(question, searchQuery) {
  const body = {question};
  if (conversation.id) body.conversation_id = conversation.id;
  if (searchQuery) body.search_query = searchQuery;
  return body;
}

/**
 * Above a follow-up's answer: what was searched for it, with a way to change that and ask again; and, when the
 * server no longer knew the conversation, a notice that the question was read on its own.
 */
function showConversationContext(reply, answer, question) {
  if (answer.conversation_status === 'expired') {
    reply.prepend(element('p', 'notice', 'This conversation had ended on the server (it expired or was removed), ' +
      'so this question was answered on its own, without the earlier ones.'));
  }
  if (!answer.search_query || answer.search_query === question) return;
  const box = element('div', 'searched');
  const line = element('p', 'searched-line');
  line.append(element('span', 'searched-label', 'Searched for'), element('q', 'searched-query', answer.search_query));
  const edit = element('button', 'quiet edit-search', 'Edit search');
  edit.type = 'button';
  edit.setAttribute('aria-label', 'Edit what was searched and ask again');
  edit.addEventListener('click', () => editSearch(box, line, question, answer.search_query));
  line.append(edit);
  box.append(line);
  reply.prepend(box);
}

function editSearch(box, line, question, searched) {
  line.hidden = true;
  const form = element('form', 'search-edit');
  const label = element('label', 'visually-hidden', 'Search for');
  const field = element('input', 'search-field');
  field.id = 'search-edit-' + Math.random().toString(36).slice(2);
  label.htmlFor = field.id;
  field.type = 'text';
  field.maxLength = Number(input.maxLength) || 2000;
  field.value = searched;
  field.required = true;
  const again = element('button', 'search-again', 'Search again');
  again.type = 'submit';
  const cancel = element('button', 'quiet', 'Cancel');
  cancel.type = 'button';
  const close = () => { form.remove(); line.hidden = false; line.querySelector('button').focus(); };
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', e => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
  form.addEventListener('submit', e => {
    e.preventDefault();
    const text = field.value.trim();
    if (!text || controller) return;
    form.remove();
    line.hidden = false;
    ask(question, text);
  });
  form.append(label, field, again, cancel);
  box.append(form);
  field.focus();
  field.select();
}

function loadPast() {
  try {
    const kept = JSON.parse(localStorage.getItem(HISTORY));
    if (Array.isArray(kept)) return kept.filter(c => c && Array.isArray(c.turns) && c.turns.length);
  } catch (e) { /* unreadable: no past conversations */ }
  return [];
}

/** Keeps the past conversations; false when the browser would not (storage full or disabled). */
function savePast(list) {
  try {
    localStorage.setItem(HISTORY, JSON.stringify(list.slice(0, MAX_PAST_CONVERSATIONS)));
    return true;
  } catch (e) {
    return false;
  }
}

/** Puts the current conversation at the top of the past ones; false when it could not be kept. */
function archiveCurrent() {
  if (!conversation.turns.length) return true;
  const past = loadPast().filter(c => !(conversation.id && c.id === conversation.id));
  past.unshift({id: conversation.id, title: conversation.turns[0].question, updated: Date.now(),
    turns: conversation.turns.slice(-MAX_KEPT_TURNS)});
  return savePast(past);
}

/** What would be lost by leaving this conversation: a question typed but not sent. */
function unsavedDraft() {
  return input.value.trim() !== '';
}

/** Asks, in a dialog, whether to discard what is not saved; resolves true to go on. */
function confirmDiscard(what) {
  const dialog = $('confirm-discard');
  $('confirm-discard-text').textContent = what;
  return new Promise(resolve => {
    const done = value => {
      dialog.removeEventListener('close', onClose);
      resolve(value);
    };
    const onClose = () => done(dialog.returnValue === 'discard');
    dialog.returnValue = '';
    dialog.addEventListener('close', onClose);
    dialog.showModal();
    $('confirm-keep').focus();
  });
}

/** Leaves the current conversation, keeping it in the list, once the reader agrees to lose anything unsaved. */
async function leaveConversation() {
  if (controller) return false;
  const kept = archiveCurrent();
  const losses = [];
  if (unsavedDraft()) losses.push('the question in the box, not yet asked');
  if (!kept) losses.push('this conversation (the browser would not store it)');
  if (losses.length && !(await confirmDiscard('This discards ' + losses.join(' and ') + '.'))) {
    // Staying: the conversation is the current one again, not a past one.
    if (kept && conversation.id) savePast(loadPast().filter(c => c.id !== conversation.id));
    return false;
  }
  return true;
}

function showConversation(kept) {
  conversation = kept;
  try {
    if (conversation.turns.length) save(); else localStorage.removeItem(STORE);
  } catch (e) { /* storage disabled: shown, not kept */ }
  answers.textContent = '';
  closeArticle(false);
  for (const turn of conversation.turns) showAnswer(addTurn(turn.question), turn.answer, turn.question);
  showEmptyState();
  input.value = '';
  if (answers.lastElementChild) answers.lastElementChild.scrollIntoView({block: 'end'});
  input.focus();
}

async function startNewConversation() {
  if (!(await leaveConversation())) { input.focus(); return; }
  showConversation({id: null, turns: []});
}

async function reopenConversation(id) {
  const chosen = loadPast().find(c => c.id === id);
  $('history').close();
  if (!chosen || !(await leaveConversation())) return;
  savePast(loadPast().filter(c => c.id !== id));
  showConversation({id: chosen.id, turns: chosen.turns});
}

async function forgetConversation(id) {
  savePast(loadPast().filter(c => c.id !== id));
  // The server's copy goes too; one that has already expired there is no error.
  try { await call(`/api/conversations/${encodeURIComponent(id)}`, {method: 'DELETE'}); } catch (e) { /* offline */ }
  fillHistory();
}

function fillHistory() {
  const list = $('history-list');
  list.textContent = '';
  const past = loadPast();
  $('history-empty').hidden = past.length > 0;
  for (const c of past) {
    const li = element('li', 'past');
    const open = element('button', 'reopen');
    open.type = 'button';
    const asked = c.turns.length === 1 ? '1 question' : `${c.turns.length} questions`;
    open.append(element('span', 'past-title', c.title), element('span', 'past-meta',
      `${asked} · ${new Date(c.updated).toLocaleString()}`));
    open.addEventListener('click', () => reopenConversation(c.id));
    const remove = element('button', 'quiet forget', 'Delete');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Delete the conversation "${c.title}"`);
    remove.addEventListener('click', () => forgetConversation(c.id));
    li.append(open, remove);
    list.append(li);
  }
}

$('show-history').addEventListener('click', () => {
  fillHistory();
  $('history').showModal();
});
$('close-history').addEventListener('click', () => $('history').close());
