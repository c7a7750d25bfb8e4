// The chat page: asks /api/ask as a stream of server-sent events, shows the answer as it comes with each [n]
// marker a link, and opens the cited article in a drawer over the page at the cited lines. No framework, no build
// step.
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
const preview = $('preview');

// One conversation per page (and per browser, through localStorage): follow-ups ("When did he return?") are read
// by the server in the light of the earlier turns of the same conversation_id.
let conversation = load();
let controller = null;     // the AbortController of the answer being streamed, if any
let articleRequest = 0;    // only the latest article click may fill the panel
let articleOpener = null;  // the link that opened the article, to return focus to on Escape
let modelWrites = false;   // a language model answers (from /api/health): its text is read as Markdown
const scope = new Map();   // file -> title: the only articles asked about, when any are chosen

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
// The cursor waits in the question box, on an empty page as after a reload.
input.focus({preventScroll: true});

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
    showCollection(h);
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
      body: JSON.stringify(withScope(askBody(question, searchQuery))),
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
    if (e.name !== 'AbortError') offerRetry(reply, question);
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
  const p = (modelWrites ? markdownText : answerText)(text, new Map(citations.map(c => [c.id, c])), []);
  (p.lastElementChild && p.lastElementChild.matches('p, ul, ol') ? lastBlock(p) : p).append(element('span', 'caret'));
  reply.append(p);
}

function showStopped(reply, text, citations) {
  reply.className = 'reply stopped';
  reply.textContent = '';
  if (text) reply.append((modelWrites ? markdownText : answerText)(text, new Map(citations.map(c => [c.id, c])), []));
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
  // A piece with no word (the "." a model puts after its marker) is nothing to underline, and would match anywhere.
  const unsupported = sentences.filter(s => s.supported === false && /[\p{L}\p{N}]/u.test(s.text)).map(s => s.text);
  const unchecked = !answer.answered && answer.answer.startsWith(UNCHECKED);
  if (!answer.answered) reply.append(element('p', 'label', unchecked ? 'Not checked' : 'Not in the articles'));
  if (answer.answered && answer.short_answer) reply.append(shortAnswer(answer, byId));
  reply.append((answer.model === 'extractive' ? answerText : markdownText)(answer.answer, byId, unsupported));
  if (!answer.answered) appendRefusalReason(reply, answer);
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
    reply.append(sourceCards(answer));
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
  meta.prepend(verdictButtons(answer, question));
  meta.append(regenerateButton(reply, question));
  reply.append(meta);
  showConversationContext(reply, answer, question);
}

/** Where each unsupported sentence stands in the text, in order: [start, end) pairs. */
function unsupportedRanges(text, unsupported) {
  const ranges = [];
  let from = 0;
  for (const s of unsupported) {
    const at = s ? text.indexOf(s, from) : -1;
    if (at >= 0) {
      ranges.push([at, at + s.length]);
      from = at + s.length;
    }
  }
  return ranges;
}

/**
 * The answer text as a paragraph: each [n] a link to its citation (plain when the citation is not known yet),
 * each unsupported sentence underlined and labelled.
 */
function answerText(text, byId, unsupported) {
  const p = element('p', 'answer');
  const ranges = unsupportedRanges(text, unsupported);
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
    // A sentence split over several pieces (Markdown emphasis, code) is labelled once, where it ends.
    if (b > end) mark.classList.add('continues');
    else p.append(mark, element('span', 'visually-hidden', ' (no source backs this sentence)'));
    if (b > end) p.append(mark);
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
  a.addEventListener('click', e => {
    e.preventDefault();
    // Where nothing hovers (a phone), the first tap shows the preview; its button opens the article.
    if (tapPreviews() && !(preview.owner === a && !preview.hidden)) showPreview(citation, a, true);
    else { hidePreview(); openArticle(citation, a); }
  });
  a.addEventListener('mouseenter', () => { if (!tapPreviews()) showPreview(citation, a, false); });
  a.addEventListener('focus', () => { if (!tapPreviews()) showPreview(citation, a, false); });
  a.addEventListener('mouseleave', () => hidePreviewSoon());
  a.addEventListener('blur', () => hidePreviewSoon());
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

async function openArticle(c, opener, whole) {
  const request = ++articleRequest;
  articleOpener = opener || null;
  for (const a of document.querySelectorAll('.marker.active, .source.active')) a.classList.remove('active');
  if (opener && !whole) opener.classList.add('active');
  const list = $('article-lines');
  const name = $('article-name');
  showDrawer('reader');
  $('back-to-list').hidden = !whole;
  $('article-title').textContent = c.title || c.file;
  name.textContent = whole ? c.file : `${c.file} · ${lineWord(c)} ${lineSpan(c)}`;
  list.textContent = '';
  list.removeAttribute('start');
  keepInView(opener);
  const from = Math.max(1, c.start_line - 40);
  const path = c.file.split('/').map(encodeURIComponent).join('/');
  let body = null;
  try {
    const response = await call(whole ? `/api/articles/${path}` : `/api/articles/${path}?start=${from}&end=${c.end_line + 40}`);
    body = response.ok ? await response.json() : null;
  } catch (e) { /* shown below */ }
  if (request !== articleRequest) return;
  list.textContent = '';
  if (!body) {
    list.removeAttribute('start');
    list.append(element('li', 'chrome failed', 'The article could not be loaded.'));
    return;
  }
  if (body.title) $('article-title').textContent = body.title;
  list.start = body.start;
  const format = body.format && body.format !== 'text' ? body.format.toUpperCase() : '';
  if (format) name.textContent = whole ? `${c.file} · ${format}` : `${c.file} · ${format} · ${lineWord(c)} ${lineSpan(c)}`;
  let page = 0;
  for (const line of body.lines) {
    const li = element('li', line.content ? '' : 'chrome', line.text || '\u00a0');
    li.value = line.number;
    if (!whole && line.number >= c.start_line && line.number <= c.end_line) li.classList.add('cited');
    markOrigin(li, line, (!whole && line.number === c.start_line) || (line.page && line.page !== page));
    if (line.page) page = line.page;
    list.append(li);
  }
  const first = list.querySelector('.cited');
  const scroller = $('article-body');
  scroller.scrollTop = 0;
  // Scroll the drawer only, not the page: the conversation stays where the reader left it.
  if (first) scroller.scrollTop += first.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientHeight / 3;
}

function closeArticle(returnFocus) {
  panel.hidden = true;
  document.body.classList.remove('sheet-open');
  for (const a of document.querySelectorAll('.marker.active, .source.active')) a.classList.remove('active');
  if (returnFocus && articleOpener && articleOpener.isConnected) articleOpener.focus({preventScroll: true});
  articleOpener = null;
}

$('close-article').addEventListener('click', () => closeArticle(true));
// Escape closes the preview, then the drawer, wherever the focus is (the drawer may hold only an error).
document.addEventListener('keydown', e => {
  if (e.key !== 'Escape' || e.isComposing) return;
  if (!preview.hidden) { hidePreview(); return; }
  if (!panel.hidden) closeArticle(true);
});

// ---------------------------------------------------------------- source cards and previews

/**
 * Numbered cards under an answer: the article's title (a link that opens it), file:line small, and the excerpt,
 * left out where the answer already says it word for word.
 */
function sourceCards(answer) {
  const claims = claimsByCitation(answer.answer);
  const said = flat(withoutMarkers(answer.answer));
  const sources = element('ol', 'sources');
  for (const c of answer.citations) {
    const li = element('li', 'card');
    li.value = c.id;
    li.append(element('span', 'num', String(c.id)));
    const body = element('div', 'card-body');
    const a = element('a', 'source', c.title || c.file);
    a.href = '#';
    a.addEventListener('click', e => { e.preventDefault(); openArticle(c, a); });
    body.append(a, element('span', 'where', `${c.file}:${lineSpan(c)}`), ...originTag(c));
    const shown = excerpt(c.quote, claims.get(c.id));
    if (!repeats(said, shown)) body.append(quoted(shown));
    li.append(body);
    sources.append(li);
  }
  return sources;
}

function flat(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether the answer holds the excerpt word for word (quotation marks, case and ellipses aside). */
function repeats(said, shown) {
  const norm = t => flat(t.replace(/[“”"‘’'…]/g, ' ')).toLowerCase();
  const words = norm(shown);
  return words.length > 0 && norm(said).includes(words);
}

let previewTimer = null;

/** On a phone, or after a touch, a tap shows the preview instead of opening the article: nothing can hover. */
let lastPointer = 'mouse';
document.addEventListener('pointerdown', e => { lastPointer = e.pointerType; }, {capture: true, passive: true});

function tapPreviews() {
  return lastPointer === 'touch' || window.matchMedia('(max-width: 760px)').matches;
}

function showPreview(c, marker, withButton) {
  clearTimeout(previewTimer);
  preview.textContent = '';
  preview.owner = marker;
  preview.append(element('p', 'preview-title', c.title || c.file), element('p', 'where', `${c.file}:${lineSpan(c)}`),
    element('p', 'preview-quote', excerpt(c.quote, '')));
  if (withButton) {
    const open = element('button', 'quiet', 'Open the article');
    open.type = 'button';
    open.addEventListener('click', () => { hidePreview(); openArticle(c, marker); });
    preview.append(open);
  }
  preview.hidden = false;
  marker.setAttribute('aria-describedby', 'preview');
  // Below the marker, or above it when there is no room; always inside the window.
  const r = marker.getBoundingClientRect();
  const width = Math.min(360, innerWidth - 16);
  preview.style.width = width + 'px';
  preview.style.left = Math.max(8, Math.min(r.left - 20, innerWidth - width - 8)) + 'px';
  const below = r.bottom + 6;
  const h = preview.offsetHeight;
  preview.style.top = (below + h <= innerHeight - 8 ? below : Math.max(8, r.top - h - 6)) + 'px';
}

function hidePreview() {
  clearTimeout(previewTimer);
  if (preview.owner) preview.owner.removeAttribute('aria-describedby');
  preview.hidden = true;
  preview.owner = null;
}

// A short grace, so the pointer can move from the marker onto the preview.
function hidePreviewSoon() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => { if (!preview.matches(':hover') && !preview.contains(document.activeElement)) hidePreview(); }, 200);
}

preview.addEventListener('mouseleave', () => hidePreviewSoon());
document.addEventListener('click', e => {
  if (!preview.hidden && !preview.contains(e.target) && e.target !== preview.owner) hidePreview();
});
window.addEventListener('scroll', () => { if (!preview.hidden && !tapPreviews()) hidePreview(); }, {passive: true});

// ---------------------------------------------------------------- the drawer: reader and article list

/** Shows the drawer in one of its modes: the reader (an article's lines) or the list of articles. */
function showDrawer(mode) {
  panel.hidden = false;
  panel.dataset.mode = mode;
  $('article-lines').hidden = mode !== 'reader';
  $('article-list').hidden = mode !== 'list';
  if (window.matchMedia('(max-width: 760px)').matches) document.body.classList.add('sheet-open');
  panel.focus({preventScroll: true});
}

/**
 * On a phone the sheet covers the lower part of the screen: the page scrolls (nothing reflows) so that the
 * marker that opened it stays in sight above the sheet.
 */
function keepInView(opener) {
  if (!opener || !opener.isConnected || !document.body.classList.contains('sheet-open')) return;
  const r = opener.getBoundingClientRect();
  const room = innerHeight - panel.offsetHeight;
  if (r.top < 8 || r.bottom > room - 8) window.scrollBy(0, r.top - Math.max(8, (room - r.height) / 3));
}

$('browse').addEventListener('click', () => openList());
$('back-to-list').addEventListener('click', () => openList());
$('more-articles').addEventListener('click', () => loadArticles(listed));

let listed = 0;   // articles shown in the list so far
const PAGE = 50;

async function openList() {
  articleOpener = $('browse');
  showDrawer('list');
  $('back-to-list').hidden = true;
  $('article-title').textContent = 'Articles';
  $('article-name').textContent = 'Open one to read it, or tick some to ask about those only.';
  if (listed === 0) await loadArticles(0);
}

async function loadArticles(offset) {
  const items = $('article-items');
  const more = $('more-articles');
  let body = null;
  try {
    const response = await call(`/api/articles?offset=${offset}&limit=${PAGE}`);
    body = response.ok ? await response.json() : null;
  } catch (e) { /* shown below */ }
  if (!body) {
    items.append(element('li', 'failed', 'The list of articles could not be loaded.'));
    return;
  }
  if (offset === 0) items.textContent = '';
  for (const a of body.articles) items.append(articleItem(a));
  listed = offset + body.articles.length;
  $('article-title').textContent = `Articles (${body.total})`;
  more.hidden = listed >= body.total;
}

function articleItem(a) {
  const li = element('li', 'article-item');
  const box = element('input');
  box.type = 'checkbox';
  box.checked = scope.has(a.file);
  box.setAttribute('aria-label', `Ask about “${a.title}” only`);
  box.dataset.file = a.file;
  box.addEventListener('change', () => {
    if (box.checked) scope.set(a.file, a.title); else scope.delete(a.file);
    showScope();
  });
  const open = element('a', 'article-open', a.title);
  open.href = '#';
  open.addEventListener('click', e => {
    e.preventDefault();
    openArticle({file: a.file, title: a.title, start_line: 1, end_line: a.lines}, open, true);
  });
  const text = element('div', 'article-text');
  text.append(open, element('span', 'where', `${a.file} · ${a.lines} lines`));
  li.append(box, text);
  return li;
}

/** The chosen articles above the question box, each removable; the request then carries "files". */
function showScope() {
  const list = $('scope-list');
  list.textContent = '';
  for (const [file, title] of scope) {
    const chip = element('button', 'chip', title);
    chip.type = 'button';
    chip.title = `${file}: click to ask about all articles again`;
    chip.setAttribute('aria-label', `Stop limiting to “${title}”`);
    chip.addEventListener('click', () => { scope.delete(file); showScope(); });
    list.append(chip);
  }
  $('scope').hidden = scope.size === 0;
  for (const box of document.querySelectorAll('#article-items input[type=checkbox]')) box.checked = scope.has(box.dataset.file);
}

$('scope-clear').addEventListener('click', () => { scope.clear(); showScope(); input.focus(); });

function withScope(body) {
  return scope.size ? {...body, files: [...scope.keys()]} : body;
}

// ---------------------------------------------------------------- the empty page: the collection and examples

let examplesShown = false;

function showCollection(h) {
  modelWrites = h.model !== 'extractive';
  $('collection-size').textContent = `${h.articles} ${h.articles === 1 ? 'article' : 'articles'}, ` +
    `${h.passages} passages` + (h.updated_at ? `, indexed ${new Date(h.updated_at).toLocaleString()}` : '') + '.';
  if (!examplesShown && h.articles > 0) {
    examplesShown = true;
    showExamples();
  }
}

/**
 * A few questions drawn from the collection: the headlines of three articles spread over the first page of the
 * list, each asked as "What happened: <headline>?", which searches the words the article itself leads with.
 */
async function showExamples() {
  let body = null;
  try {
    const response = await call('/api/articles?limit=50');
    body = response.ok ? await response.json() : null;
  } catch (e) { /* no examples then */ }
  if (!body || !body.articles.length) return;
  const titled = body.articles.filter(a => a.title !== a.file.split('/').pop());
  const n = titled.length;
  const picks = [...new Set([0, Math.floor(n / 3), Math.floor(2 * n / 3)])].filter(i => i < n).map(i => titled[i]);
  const list = $('example-list');
  list.textContent = '';
  for (const a of picks) {
    const question = exampleQuestion(a.title);
    const b = element('button', 'example', question);
    b.type = 'button';
    b.addEventListener('click', () => { input.value = question; ask(question); });
    const li = element('li');
    li.append(b);
    list.append(li);
  }
  $('examples').hidden = picks.length === 0;
}

function exampleQuestion(title) {
  return `What happened: ${title.replace(/[.?!:;,…\s]+$/, '')}?`;
}

// ---------------------------------------------------------------- retry, regenerate, verdicts

function offerRetry(reply, question) {
  const retry = element('button', 'retry quiet', 'Retry');
  retry.type = 'button';
  retry.addEventListener('click', () => {
    if (controller) return;
    reply.parentElement.remove();
    showEmptyState();
    ask(question);
  });
  reply.append(retry);
}

/** Asks the last question again in place of its answer. Only the last answer has it: later turns build on it. */
function regenerateButton(reply, question) {
  for (const b of answers.querySelectorAll('button.regenerate')) b.remove();
  const again = element('button', 'regenerate quiet', 'Regenerate');
  again.type = 'button';
  again.setAttribute('aria-label', 'Ask this question again for a new answer');
  again.addEventListener('click', () => {
    if (controller) return;
    const turn = reply.parentElement;
    if (turn !== answers.lastElementChild) return;
    turn.remove();
    conversation.turns.pop();
    save();
    ask(question);
  });
  return again;
}

/** Thumbs up and down ("Helpful", "Not helpful"); the server records the verdict beside the index (POST /api/feedback). */
function verdictButtons(answer, question) {
  const group = element('span', 'verdict');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Was this answer useful?');
  const note = element('span', 'verdict-note');
  note.setAttribute('aria-live', 'polite');
  // Words, not emoji: a system without an emoji font would show empty boxes.
  for (const [verdict, label, symbol] of [['up', 'Good answer', 'Helpful'], ['down', 'Bad answer', 'Not helpful']]) {
    const b = element('button', `thumb ${verdict} quiet`, symbol);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.setAttribute('aria-pressed', String(answer.verdict === verdict));
    b.addEventListener('click', async () => {
      if (answer.verdict === verdict) return;
      note.textContent = '';
      try {
        const response = await call('/api/feedback', {
          method: 'POST',
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({question, answer: answer.answer, verdict, conversation_id: answer.conversation_id})
        });
        if (response.status !== 204) throw new Error(`feedback ${response.status}`);
        answer.verdict = verdict;
        save();
        for (const other of group.querySelectorAll('button.thumb')) other.setAttribute('aria-pressed', String(other === b));
        note.textContent = 'Thanks';
      } catch (e) {
        note.textContent = 'Not recorded';
      }
    });
    group.append(b);
  }
  group.append(note);
  return group;
}

// ---------------------------------------------------------------- a model's Markdown, built as DOM nodes

/**
 * A language model's text as minimal Markdown: paragraphs, line breaks, bulleted and numbered lists, emphasis
 * (**strong**, *em*) and `code`. Nothing else is interpreted: HTML stays text (every piece goes in through
 * textContent), an image is its alt text, a link its label; only the [n] markers become links, to the sources.
 * Unsupported sentences are marked as in plain answers: the ranges are found in the raw text, and every piece of
 * text keeps its place in it.
 */
function markdownText(text, byId, unsupported) {
  const root = element('div', 'answer markdown');
  const ranges = unsupportedRanges(text, unsupported);
  const lines = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({start: at, end: at + line.length, text: line});
    at += line.length + 1;
  }
  let block = null;  // the open <p>, or the open list
  let kind = null;   // 'p', 'ul' or 'ol'
  for (const line of lines) {
    if (!line.text.trim()) { block = null; kind = null; continue; }
    const item = line.text.match(/^(\s*)([-*+]|\d{1,9}[.)])\s+/);
    const heading = line.text.match(/^\s*#{1,6}\s+/);
    if (item) {
      const listKind = /\d/.test(item[2]) ? 'ol' : 'ul';
      if (kind !== listKind) {
        block = element(listKind);
        if (listKind === 'ol') block.start = parseInt(item[2], 10);
        root.append(block);
        kind = listKind;
      }
      const li = element('li');
      inline(li, text, line.start + item[0].length, line.end, byId, ranges);
      block.append(li);
    } else if (heading) {
      const p = element('p', 'heading');
      const strong = element('strong');
      inline(strong, text, line.start + heading[0].length, line.end, byId, ranges);
      p.append(strong);
      root.append(p);
      block = null; kind = null;
    } else if (kind === 'ul' || kind === 'ol') {
      // A line under a list item carries on that item.
      const li = block.lastElementChild;
      li.append(element('br'));
      inline(li, text, line.start, line.end, byId, ranges);
    } else {
      if (kind !== 'p') {
        block = element('p');
        root.append(block);
        kind = 'p';
      } else {
        block.append(element('br'));
      }
      inline(block, text, line.start, line.end, byId, ranges);
    }
  }
  if (!root.childElementCount) root.append(element('p'));
  return root;
}

/** The deepest last block of a Markdown answer, where the streaming caret goes. */
function lastBlock(root) {
  let e = root.lastElementChild;
  while (e && (e.tagName === 'UL' || e.tagName === 'OL') && e.lastElementChild) e = e.lastElementChild;
  return e || root;
}

const INLINE = /\[(\d+)\]|!\[([^\]\n]*)\]\([^)\n]*\)|\[([^\]\n]+)\]\([^)\n]*\)|`([^`\n]+)`|(\*\*|__)(?=\S)|(\*|_)(?=\S)/g;

/** Appends text[start, end) with its inline Markdown: markers, emphasis, code; images and links as their text. */
function inline(parent, text, start, end, byId, ranges) {
  INLINE.lastIndex = start;
  let at = start;
  for (;;) {
    INLINE.lastIndex = at;
    const m = INLINE.exec(text);
    if (!m || m.index >= end) break;
    const open = m.index;
    const close = m.index + m[0].length;
    if (close > end) break;
    if (m[1] !== undefined) {
      appendMarked(parent, text, at, open, ranges);
      parent.append(marker(m[0], byId.get(Number(m[1]))));
      at = close;
    } else if (m[2] !== undefined || m[3] !== undefined) {
      // An image or a link: only its words, at their place (so unsupported ranges still line up roughly).
      appendMarked(parent, text, at, open, ranges);
      const label = m[2] !== undefined ? m[2] : m[3];
      const labelStart = open + (m[2] !== undefined ? 2 : 1);
      appendMarked(parent, text, labelStart, labelStart + label.length, ranges);
      at = close;
    } else if (m[4] !== undefined) {
      appendMarked(parent, text, at, open, ranges);
      parent.append(element('code', '', m[4]));
      at = close;
    } else {
      const delim = m[5] || m[6];
      // The closing delimiter: the same run, after a non-space, within this line, not a bigger run.
      let closeAt = -1;
      for (let i = close; i + delim.length <= end; i++) {
        if (text.startsWith(delim, i) && !/\s/.test(text[i - 1]) && i > close
            && !(delim.length === 1 && text[i + 1] === delim) && !(delim.length === 1 && text[i - 1] === delim)) {
          // An underscore inside a word (snake_case) is not emphasis.
          if (delim === '_' && /\w/.test(text[i + 1] || '')) continue;
          closeAt = i;
          break;
        }
      }
      if (closeAt < 0 || (delim[0] === '_' && /\w/.test(text[open - 1] || ''))) {
        appendMarked(parent, text, at, close, ranges);
        at = close;
        continue;
      }
      appendMarked(parent, text, at, open, ranges);
      const em = element(delim.length === 2 ? 'strong' : 'em');
      inline(em, text, close, closeAt, byId, ranges);
      parent.append(em);
      at = closeAt + delim.length;
    }
  }
  appendMarked(parent, text, at, end, ranges);
}

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
  if (shown) li.append(element('span', 'line-origin', text));
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

// Under a refusal, why, in plain words: what the rule that refused it found (refusal.detail); its name is kept
// in data-gate and shown on hover.
function appendRefusalReason(reply, answer) {
  const refusal = answer.refusal;
  if (!refusal || !refusal.detail) return;
  const line = element('p', 'note refusal-reason', `Not answered: ${refusal.detail}.`);
  line.dataset.gate = refusal.gate;
  line.title = `Refused by ${refusal.gate}`;
  reply.append(line);
}

/** The words that answer a who, where, when or how-many question, shown first with the marker of their citation. */
function shortAnswer(answer, byId) {
  const p = element('p', 'short-answer', answer.short_answer);
  // The answer says which citation backs it: usually the first sentence's, a later one's when the first names
  // someone in the other role ("Who did the delegation meet?").
  const id = answer.short_answer_citation;
  if (id != null) p.append(' ', marker(`[${id}]`, byId.get(id)));
  return p;
}
