// Asks /api/ask, shows the answer with its markers as links, and opens the cited article at the cited lines.
const answers = document.getElementById('answers');
const form = document.getElementById('ask');
const input = document.getElementById('question');
const send = document.getElementById('send');
// The page is one conversation: follow-ups ("When did he return?") are read in the light of earlier turns.
let conversationId = null;

form.addEventListener('submit', event => {
  event.preventDefault();
  ask(input.value.trim());
});

input.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});

async function ask(question) {
  if (!question) return;
  const turn = element('div', 'turn');
  turn.append(element('p', 'question', question));
  const reply = element('div', 'reply pending', 'Looking in the articles…');
  turn.append(reply);
  answers.append(turn);
  send.disabled = true;
  try {
    const response = await call('/api/ask', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(conversationId ? {question, conversation_id: conversationId} : {question})
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && body.error ? body.error.message : `the server answered ${response.status}`;
      showError(reply, message);
      return; // keep what the user typed
    }
    conversationId = body.conversation_id;
    showAnswer(reply, body, question);
    input.value = '';
  } catch (e) {
    showError(reply, 'the server cannot be reached');
  } finally {
    send.disabled = false;
    input.focus();
  }
}

function showError(reply, message) {
  reply.className = 'reply error';
  reply.textContent = 'Could not answer: ' + message + '.';
}

function showAnswer(reply, answer, question) {
  reply.className = answer.answered ? 'reply' : 'reply refusal';
  reply.textContent = '';
  const byId = new Map(answer.citations.map(c => [c.id, c]));
  const claims = new Map(); // citation id -> the sentence it backs, for the excerpt under Sources
  const text = element('p', 'answer');
  let sentence = '';
  // Split on markers so each [n] becomes a link to its citation.
  for (const part of answer.answer.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    if (!m && part.trim()) sentence = part.trim();
    if (m && !claims.has(Number(m[1]))) claims.set(Number(m[1]), sentence);
    if (m && byId.has(Number(m[1]))) {
      const c = byId.get(Number(m[1]));
      const a = element('a', 'marker', part);
      a.href = '#';
      a.title = `${c.file}:${lines(c)}`;
      a.addEventListener('click', e => { e.preventDefault(); openArticle(c); });
      text.append(a);
    } else {
      text.append(document.createTextNode(part));
    }
  }
  reply.append(text);
  if (answer.citations.length) {
    const sources = element('ol', 'sources');
    for (const c of answer.citations) {
      const li = element('li');
      li.value = c.id;
      const a = element('a', 'source', `${c.file}:${lines(c)}`);
      a.href = '#';
      a.addEventListener('click', e => { e.preventDefault(); openArticle(c); });
      li.append(a, element('q', '', excerpt(c.quote, claims.get(c.id))));
      sources.append(li);
    }
    reply.append(sources);
  }
  if (answer.fallback) {
    reply.append(element('p', 'meta', `${answer.fallback.from} failed (${answer.fallback.message}); this is the offline answer.`));
  }
  const searched = answer.search_query && answer.search_query !== question ? ` · searched: ${answer.search_query}` : '';
  reply.append(element('p', 'meta', `${answer.model} · ${Math.round(answer.timings_ms.total)} ms${searched}`));
}

async function openArticle(c) {
  const from = Math.max(1, c.start_line - 8);
  const response = await call(`/api/articles/${c.file.split('/').map(encodeURIComponent).join('/')}?start=${from}&end=${c.end_line + 8}`);
  if (!response.ok) return;
  const body = await response.json();
  const span = lines(c);
  document.getElementById('article-name').textContent = `${body.file} · ${span.includes('-') ? 'lines' : 'line'} ${span}`;
  const list = document.getElementById('article-lines');
  list.textContent = '';
  list.start = body.start;
  for (const line of body.lines) {
    const li = element('li', line.content ? '' : 'chrome', line.text || '\u00a0');
    li.value = line.number;
    if (line.number >= c.start_line && line.number <= c.end_line) li.classList.add('cited');
    list.append(li);
  }
  const panel = document.getElementById('article');
  panel.hidden = false;
  const first = list.querySelector('.cited');
  // Scroll the article panel only, not the page: the conversation stays where the reader left it.
  if (first) {
    panel.scrollTop += first.getBoundingClientRect().top - panel.getBoundingClientRect().top - panel.clientHeight / 3;
  }
  // On a narrow screen the article sits below the chat: bring it into view.
  if (window.matchMedia('(max-width: 760px)').matches) panel.scrollIntoView({block: 'start'});
}

document.getElementById('close-article').addEventListener('click', () => {
  document.getElementById('article').hidden = true;
});

// A long quote is shown around the sentence it backs, so the reader sees the words that matter.
function excerpt(quote, claim) {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= 240) return flat;
  const at = claim ? flat.indexOf(claim.replace(/\s+/g, ' ')) : -1;
  if (at < 0) return flat.slice(0, 240) + '…';
  const end = Math.min(flat.length, at + Math.max(claim.length, 200));
  return (at > 0 ? '…' : '') + flat.slice(at, end) + (end < flat.length ? '…' : '');
}

function lines(c) {
  return c.start_line === c.end_line ? `${c.start_line}` : `${c.start_line}-${c.end_line}`;
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
