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

newConversation.addEventListener('click', () => {
  conversation = {id: null, turns: []};
  try { localStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
  answers.textContent = '';
  closeArticle(false);
  showEmptyState();
  input.focus();
});

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

async function ask(question) {
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
      body: JSON.stringify(conversation.id ? {question, conversation_id: conversation.id} : {question}),
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
      li.append(a, ...originTag(c), quoted(excerpt(c.quote, claims.get(c.id))));
      sources.append(li);
    }
    reply.append(sources);
  }
  if (answer.fallback) {
    reply.append(element('p', 'meta', `${answer.fallback.from} failed (${answer.fallback.message}); this is the offline answer.`));
  }
  const meta = element('div', 'meta');
  const searched = answer.search_query && answer.search_query !== question ? ` · searched: ${answer.search_query}` : '';
  const total = answer.timings_ms ? answer.timings_ms.total : null;
  meta.append(element('span', 'model', `${answer.model}${total == null ? '' : ' · ' + duration(total)}${searched}`));
  const copy = element('button', 'copy quiet', 'Copy');
  copy.type = 'button';
  copy.setAttribute('aria-label', 'Copy the answer with its sources');
  copy.addEventListener('click', () => copyText(asText(answer), copy));
  meta.append(copy);
  reply.append(meta);
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
  showDocumentTitle(body);
  let page = 0;
  for (const line of body.lines) {
    const li = element('li', line.content ? '' : 'chrome', line.text || '\u00a0');
    li.value = line.number;
    if (line.number >= c.start_line && line.number <= c.end_line) li.classList.add('cited');
    markOrigin(li, line, line.number === c.start_line || (line.page && line.page !== page));
    if (line.page) page = line.page;
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

// ---------------------------------------------------------------- documents: where extracted text sits in the original

// "page 4, line 12", "line 212 of the HTML", "paragraph 7", "chapter 3, line 40 of its XHTML"; '' for plain text.
function originText(o) {
  if (!o) return '';
  if (o.page) return `page ${o.page}` + (o.page_line ? `, line ${o.page_line}` : '');
  if (o.chapter) return `chapter ${o.chapter}` + (o.source_line ? `, line ${o.source_line} of its XHTML` : '');
  if (o.paragraph) return `paragraph ${o.paragraph}`;
  if (o.source_line) return `line ${o.source_line} of the HTML`;
  return '';
}

// Beside a source in the answer: where the cited text sits in the PDF, HTML, Word file or EPUB (nothing for text).
function originTag(c) {
  const text = originText(c);
  return text ? [element('span', 'origin', text)] : [];
}

// A line of a document's extracted text says where it comes from on hover, and in the open when asked to (the
// cited line, the first line of each PDF page).
function markOrigin(li, line, shown) {
  const text = originText(line);
  if (!text) return;
  li.title = text;
  if (shown) li.append(element('span', 'where', text));
}

// Under the file name: the document's title from its metadata, and its format, for a PDF, HTML page, Word file...
function showDocumentTitle(body) {
  const head = document.querySelector('#article .article-head');
  let title = $('article-title');
  if (!title) {
    title = element('p', 'article-title');
    title.id = 'article-title';
    head.after(title);
  }
  const format = body.format && body.format !== 'text' ? body.format.toUpperCase() : '';
  title.textContent = [body.document_title || '', format].filter(Boolean).join(' · ');
  title.hidden = !title.textContent;
}

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
