// The Steward console: plain browser JavaScript over the gateway's own HTTP/JSON API (no build
// step). The API key is kept in sessionStorage, so it lasts as long as the browser tab.
'use strict';

const KEY = 'steward.apiKey';
const POLL_MS = 800;
let timer = null;

/** Calls the gateway; a failure shows the gateway's own error text and rejects. */
async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  const key = sessionStorage.getItem(KEY);
  if (key) headers['Authorization'] = 'Bearer ' + key;
  const response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = null; }
  if (!response.ok) {
    const message = json && json.message ? json.message : (text || response.statusText);
    throw new Error(message);
  }
  return json || {};
}

// What the error box shows came from a person's action or from the background refresh; a
// refresh that works clears only its own errors, so an action's error stays until the next action.
let errorSource = null;

function showError(error, source = 'action') {
  const box = document.getElementById('error');
  errorSource = source;
  box.hidden = false;
  box.textContent = error.message || String(error);
}

function clearError(source) {
  if (source !== undefined && errorSource !== source) return;
  const box = document.getElementById('error');
  errorSource = null;
  box.hidden = true;
  box.textContent = '';
}

/** Builds an element: el('td', {class: 'x'}, 'text', child). Text is always text, never HTML. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const word = (value, prefix) => (value || '').replace(prefix, '').toLowerCase();
const dollars = (value) => '$' + Number(value || 0).toFixed(4);
const agentPath = (id) => '/v1/agents/' + encodeURIComponent(id);

function statusBadge(status) {
  const w = word(status, 'AGENT_STATUS_');
  return el('span', { class: 'status ' + w, 'data-status': w }, w.replace(/_/g, ' '));
}

// ---- the agents list ------------------------------------------------------------------------

async function listView(view) {
  const nameFilter = el('input', { id: 'filter-name', placeholder: 'name' });
  const statusFilter = el('select', { id: 'filter-status' }, el('option', { value: '' }, 'any status'),
    ...['IDLE', 'RUNNING', 'WAITING_FOR_APPROVAL', 'WAITING_FOR_ANSWER', 'SLEEPING', 'STOPPED']
      .map((s) => el('option', { value: 'AGENT_STATUS_' + s }, s.toLowerCase().replace(/_/g, ' '))));
  const body = el('tbody', { id: 'agents' });
  const load = async () => {
    const query = new URLSearchParams({ page_size: '100' });
    if (nameFilter.value) query.set('display_name', nameFilter.value);
    if (statusFilter.value) query.set('status', statusFilter.value);
    try {
      const page = await api('GET', '/v1/agents?' + query);
      clearError('poll');
      body.replaceChildren(...(page.agents || []).map((a) => el('tr', { 'data-agent': a.agentId },
        el('td', {}, el('a', { href: '#/agents/' + encodeURIComponent(a.agentId) }, a.agentId)),
        el('td', {}, a.displayName || ''),
        el('td', {}, statusBadge(a.status)),
        el('td', {}, a.model || ''),
        el('td', {}, a.turn || 0),
        el('td', {}, dollars(a.usage && a.usage.costUsd)),
        el('td', {}, lastActivity(a)))));
    } catch (e) {
      showError(e, 'poll');
    }
  };
  nameFilter.addEventListener('change', load);
  statusFilter.addEventListener('change', load);
  view.replaceChildren(
    el('div', { class: 'filters' }, nameFilter, statusFilter, el('button', { onclick: load }, 'Refresh')),
    el('table', {}, el('thead', {}, el('tr', {}, ...['agent', 'name', 'status', 'model', 'turn', 'cost', 'last activity']
      .map((h) => el('th', {}, h)))), body));
  await load();
  timer = setInterval(load, POLL_MS * 4);
}

function lastActivity(agent) {
  if (agent.lastTurn && agent.lastTurn.turn) {
    return 'turn ' + agent.lastTurn.turn + ' ' + word(agent.lastTurn.status, 'TURN_STATUS_');
  }
  return agent.startTime ? 'started ' + new Date(agent.startTime).toLocaleString() : '';
}

// ---- one agent ------------------------------------------------------------------------------

async function agentView(view, id) {
  const header = el('section', { id: 'agent-header' });
  const pending = el('section', { id: 'pending' }, el('h2', {}, 'Waiting for you'));
  const partial = el('div', { id: 'partial' });
  const transcript = el('div', { id: 'transcript' });
  const memory = el('section', { id: 'memory' });
  const message = el('textarea', { id: 'message', placeholder: 'A message for the agent' });
  const send = el('button', { id: 'send', onclick: async () => {
    try {
      await api('POST', agentPath(id) + ':send', { message: { text: message.value, sender: 'console' } });
      message.value = '';
      clearError();
      refresh();
    } catch (e) { showError(e); }
  } }, 'Send');
  view.replaceChildren(header, pending,
    el('section', {}, el('h2', {}, 'Transcript'), transcript, partial),
    el('section', {}, el('h2', {}, 'Send a message'), message, send), memory);

  let shownSeq = 0;
  let pendingKey = '';
  let busy = false;
  // One refresh at a time: the timer and a person's action may both ask for one.
  const refresh = async () => {
    if (busy) return;
    busy = true;
    try {
      const agent = await api('GET', agentPath(id));
      const page = await api('GET', agentPath(id) + '/transcript?page_size=200&from_seq=' + (shownSeq + 1));
      clearError('poll');
      renderHeader(header, agent);
      for (const entry of page.entries || []) {
        if (Number(entry.seq) <= shownSeq) continue;
        transcript.append(renderEntry(entry));
        shownSeq = Number(entry.seq);
      }
      partial.textContent = agent.partialReply ? agent.partialReply : '';
      // Rebuild the pending cards only when they change, so typing an answer is not interrupted.
      const key = JSON.stringify([agent.pendingApprovals || [], agent.pendingQuestions || []]);
      if (key !== pendingKey) {
        pendingKey = key;
        renderPending(pending, id, agent, refresh);
      }
      renderMemory(memory, agent);
    } catch (e) {
      showError(e, 'poll');
    } finally {
      busy = false;
    }
  };
  await refresh();
  timer = setInterval(refresh, POLL_MS);
}

function renderHeader(header, agent) {
  const usage = agent.usage || {};
  let limits = {};
  try { limits = (JSON.parse(agent.specJson || '{}').limits) || {}; } catch (e) { limits = {}; }
  const budget = (used, max, show) => show(used) + (max ? ' of ' + show(max) : '');
  header.replaceChildren(
    el('h2', {}, agent.agentId, ' ', statusBadge(agent.status)),
    el('div', {}, 'model ', agent.model || '', ' · turn ', agent.turn || 0, ' · tokens ',
      budget(Number(usage.totalTokens || 0), limits.max_total_tokens, (x) => x),
      ' · cost ', budget(usage.costUsd, limits.max_cost_usd, dollars),
      (agent.schedules || []).length ? ' · schedules: ' + agent.schedules.map((s) => s.name
        + (s.paused ? ' (paused)' : '') + (s.nextFireTime ? ' next ' + new Date(s.nextFireTime).toLocaleString() : ''))
        .join(', ') : ''));
}

function renderEntry(entry) {
  const kind = word(entry.kind, 'KIND_');
  const calls = (entry.toolCalls || []).map((c) => el('div', { class: 'call' },
    'calls ', c.name || c.tool || '', ' ', c.arguments || ''));
  return el('div', { class: 'entry ' + kind + (entry.error ? ' error' : ''), 'data-kind': kind },
    el('div', { class: 'meta' }, 'turn ', entry.turn || 0, ' · ', kind.replace('_', ' '), ' · ', entry.author || '',
      entry.callId ? ' · ' + entry.callId : ''),
    entry.text || '', ...calls);
}

function renderPending(section, id, agent, refresh) {
  const cards = [];
  for (const approval of agent.pendingApprovals || []) {
    const decide = (approved) => async () => {
      try {
        await api('POST', agentPath(id) + ':decide',
          { call_id: approval.callId, approved, decided_by: 'console', reason: approved ? '' : 'denied in the console' });
        clearError();
        refresh();
      } catch (e) { showError(e); }
    };
    cards.push(el('div', { class: 'pending approval', 'data-call': approval.callId },
      'Approve ', el('b', {}, approval.tool), ' with ', el('code', {}, approval.arguments || '{}'), '? ',
      el('button', { class: 'approve', onclick: decide(true) }, 'Approve'), ' ',
      el('button', { class: 'deny', onclick: decide(false) }, 'Deny')));
  }
  for (const question of agent.pendingQuestions || []) {
    const answer = el('input', { class: 'answer-text', placeholder: question.defaultAnswer || 'your answer' });
    cards.push(el('div', { class: 'pending question', 'data-question': question.questionId },
      el('div', {}, question.question), answer, ' ',
      el('button', { class: 'answer', onclick: async () => {
        try {
          await api('POST', agentPath(id) + ':answer',
            { question_id: question.questionId, text: answer.value, answered_by: 'console' });
          clearError();
          refresh();
        } catch (e) { showError(e); }
      } }, 'Answer')));
  }
  section.replaceChildren(el('h2', {}, 'Waiting for you'), ...(cards.length ? cards : [el('div', {}, 'nothing')]));
}

function renderMemory(section, agent) {
  const blocks = agent.memory || [];
  const parts = [el('h2', {}, 'Memory'), ...(blocks.length
    ? blocks.map((b) => el('div', { class: 'entry' }, el('div', { class: 'meta' }, b.name), b.text || ''))
    : [el('div', {}, 'no memory blocks')])];
  if (agent.summary) {
    parts.push(el('div', { class: 'entry' }, el('div', { class: 'meta' }, 'summary of earlier turns'), agent.summary));
  }
  section.replaceChildren(...parts);
}

// ---- routing and the key --------------------------------------------------------------------

async function route() {
  clearInterval(timer);
  clearError();
  const view = document.getElementById('view');
  const match = location.hash.match(/^#\/agents\/(.+)$/);
  if (match) await agentView(view, decodeURIComponent(match[1]));
  else await listView(view);
}

function showKeyState() {
  document.getElementById('key-state').textContent = sessionStorage.getItem(KEY) ? 'key set' : 'no key';
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  if (input.value) sessionStorage.setItem(KEY, input.value); else sessionStorage.removeItem(KEY);
  input.value = '';
  showKeyState();
  route();
});
window.addEventListener('hashchange', route);
showKeyState();
route();
