// The Steward console: plain browser JavaScript over the gateway's own API (grpcweb.js), no build
// step. The API key is kept in sessionStorage, so it lasts as long as the browser tab. An agent's
// page follows the agent through Watch; only the agents list is refreshed on a timer.
'use strict';

const LIST_REFRESH_MS = 3200;
const RECENT_EVENTS = 30;
const AGENT_TOOL = 'agent:';
let leaveView = () => {};
// Counts page changes, so a page that finished loading after the person left it starts nothing.
let views = 0;

// What the error box shows came from a person's action or from a background load; a load that
// works clears only its own errors, so an action's error stays until the next action.
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

/** Runs a person's action: its error (the gateway's text) is shown, success clears the box. */
async function act(work) {
  try {
    await work();
    clearError();
  } catch (e) {
    showError(e);
  }
}

/** Builds an element: el('td', {class: 'x'}, 'text', child). Text is always text, never HTML. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const word = (value, prefix) => (value || '').replace(prefix, '').toLowerCase();
const dollars = (value) => '$' + Number(value || 0).toFixed(4);
const nameOf = (id) => 'agents/' + id;
const agentLink = (id) => '#/agents/' + encodeURIComponent(id);
const when = (time) => (time ? new Date(time).toLocaleString() : '');

function statusBadge(status) {
  const w = word(status, 'AGENT_STATUS_');
  return el('span', { class: 'status ' + w, 'data-status': w }, w.replace(/_/g, ' '));
}

/** A sub-agent's id is its parent's, its tool's name and the call's id (as the workflow names it). */
function subAgentId(parentId, toolName, callId) {
  return parentId + '/' + toolName.substring(AGENT_TOOL.length) + '/' + callId;
}

/** The parent of a sub-agent's id, or null for a top-level agent. */
function parentOf(id) {
  const parts = id.split('/');
  return parts.length >= 3 ? parts.slice(0, -2).join('/') : null;
}

// ---- the agents list ------------------------------------------------------------------------

async function listView(view) {
  const nameFilter = el('input', { id: 'filter-name', placeholder: 'name' });
  const statusFilter = el('select', { id: 'filter-status' }, el('option', { value: '' }, 'any status'),
    ...['IDLE', 'RUNNING', 'WAITING_FOR_APPROVAL', 'WAITING_FOR_ANSWER', 'SLEEPING', 'STOPPED']
      .map((s) => el('option', { value: 'AGENT_STATUS_' + s }, s.toLowerCase().replace(/_/g, ' '))));
  const body = el('tbody', { id: 'agents' });
  const load = async () => {
    const request = { pageSize: 100 };
    if (nameFilter.value) request.displayName = nameFilter.value;
    if (statusFilter.value) request.status = statusFilter.value;
    try {
      const page = await StewardApi.call('ListAgents', request);
      clearError('load');
      body.replaceChildren(...(page.agents || []).map((a) => el('tr', { 'data-agent': a.agentId },
        el('td', {}, el('a', { href: agentLink(a.agentId) }, a.agentId)),
        el('td', {}, a.displayName || ''),
        el('td', {}, statusBadge(a.status)),
        el('td', {}, a.model || ''),
        el('td', {}, a.turn || 0),
        el('td', {}, Number((a.usage && a.usage.totalTokens) || 0)),
        el('td', {}, dollars(a.usage && a.usage.costUsd)),
        el('td', {}, lastActivity(a)))));
    } catch (e) {
      showError(e, 'load');
    }
  };
  nameFilter.addEventListener('change', load);
  statusFilter.addEventListener('change', load);
  view.replaceChildren(
    el('div', { class: 'filters' }, nameFilter, statusFilter, el('button', { onclick: load }, 'Refresh')),
    el('table', {}, el('thead', {}, el('tr', {}, ...['agent', 'name', 'status', 'model', 'turn', 'tokens', 'cost',
      'last activity'].map((h) => el('th', {}, h)))), body));
  await load();
  const timer = setInterval(load, LIST_REFRESH_MS);
  leaveView = () => clearInterval(timer);
}

function lastActivity(agent) {
  if (agent.lastTurn && agent.lastTurn.turn) {
    return 'turn ' + agent.lastTurn.turn + ' ' + word(agent.lastTurn.status, 'TURN_STATUS_');
  }
  return agent.startTime ? 'started ' + when(agent.startTime) : '';
}

// ---- one agent ------------------------------------------------------------------------------

async function agentView(view, id) {
  const mine = views;
  const name = nameOf(id);
  const header = el('section', { id: 'agent-header' });
  const usage = el('section', { id: 'usage' });
  const pending = el('section', { id: 'pending' }, el('h2', {}, 'Waiting for you'));
  const partial = el('div', { id: 'partial' });
  const transcript = el('div', { id: 'transcript' });
  const memory = el('section', { id: 'memory' });
  const schedules = el('section', { id: 'schedules' });
  const live = el('span', { id: 'live' }, 'connecting');
  const activity = el('div', { id: 'activity' });
  const message = el('textarea', { id: 'message', placeholder: 'A message for the agent' });
  const send = el('button', { id: 'send', onclick: () => act(async () => {
    await StewardApi.call('SendMessage', { name, message: { text: message.value, sender: 'console' } });
    message.value = '';
    refresh();
  }) }, 'Send');
  view.replaceChildren(header, usage, pending,
    el('section', {}, el('h2', {}, 'Transcript'), transcript, partial),
    el('section', {}, el('h2', {}, 'Send a message'), message, send), memory, schedules,
    el('section', {}, el('h2', {}, 'Activity ', live), activity));

  let shownSeq = 0;
  let shownPending = '';
  let shownMemory = '';
  let shownSchedules = '';
  let loaded = false;

  // Loads the agent and the transcript's new entries; one load at a time, and one more if asked meanwhile.
  const load = async () => {
    try {
      const agent = await StewardApi.call('GetAgent', { name });
      let pageToken = '';
      do {
        const page = await StewardApi.call('GetTranscript',
          pageToken ? { name, pageSize: 500, pageToken } : { name, pageSize: 500, fromSeq: String(shownSeq + 1) });
        for (const entry of page.entries || []) {
          if (Number(entry.seq) <= shownSeq) continue;
          transcript.append(renderEntry(id, entry));
          shownSeq = Number(entry.seq);
        }
        pageToken = page.nextPageToken || '';
      } while (pageToken);
      clearError('load');
      loaded = true;
      renderHeader(header, agent, id);
      renderUsage(usage, agent);
      // Rebuild the editable parts only when they change, so typing is not interrupted.
      const pendingKey = JSON.stringify([agent.pendingApprovals || [], agent.pendingQuestions || []]);
      if (pendingKey !== shownPending) {
        shownPending = pendingKey;
        renderPending(pending, name, agent, refresh);
      }
      const memoryKey = JSON.stringify([agent.memory || [], agent.summary || '']);
      if (memoryKey !== shownMemory) {
        shownMemory = memoryKey;
        renderMemory(memory, name, agent, refresh);
      }
      const schedulesKey = JSON.stringify(agent.schedules || []);
      if (schedulesKey !== shownSchedules) {
        shownSchedules = schedulesKey;
        renderSchedules(schedules, name, agent, refresh);
      }
    } catch (e) {
      showError(e, 'load');
    }
  };
  let running = null;
  let again = false;
  const refresh = () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await load();
      } while (again);
    })().finally(() => { running = null; });
    return running;
  };

  await refresh();
  if (!loaded) return; // Not this tenant's agent, or none: the error says so; there is nothing to follow.
  let from = 0;
  try {
    from = Math.max(0, Number((await StewardApi.call('ListEvents', { name })).lastSeq || 0) - RECENT_EVENTS);
  } catch (e) {
    showError(e, 'load');
  }
  if (mine !== views) return;
  leaveView = StewardApi.watch(name, from, {
    event: (event, lastSeq) => {
      activity.prepend(renderEvent(event));
      activity.dataset.lastSeq = lastSeq;
      const type = word(event.type, 'TYPE_');
      if (type === 'reply' || type === 'turn_ended' || type === 'stopped') partial.textContent = '';
      refresh();
    },
    partial: (text) => { partial.textContent = text; },
    state: (state, lastSeq, error) => {
      live.textContent = state === 'reconnecting' ? 'reconnecting after seq ' + lastSeq + ' (' + error.message + ')'
        : state === 'failed' ? 'not following: ' + error.message : state;
      live.dataset.state = state;
      if (state === 'live') live.dataset.connections = Number(live.dataset.connections || 0) + 1;
      if (state === 'failed') showError(error, 'load');
      if (state === 'live') refresh(); // Catch up on what changed while disconnected.
    },
  });
}

function renderHeader(header, agent, id) {
  const parent = parentOf(id);
  header.replaceChildren(
    el('h2', {}, agent.agentId, ' ', statusBadge(agent.status)),
    el('div', {}, parent ? 'sub-agent of ' : '', parent ? el('a', { id: 'parent-link', href: agentLink(parent) }, parent) : ''),
    el('div', {}, 'name ', agent.displayName || '', ' · model ', agent.model || '', ' · turn ', agent.turn || 0,
      ' · inbox ', agent.inboxSize || 0, agent.sleepingUntil ? ' · sleeping until ' + when(agent.sleepingUntil) : ''));
}

function renderUsage(section, agent) {
  const usage = agent.usage || {};
  let limits = {};
  try { limits = (JSON.parse(agent.specJson || '{}').limits) || {}; } catch (e) { limits = {}; }
  const row = (what, key, used, max, show) => {
    const limited = Number(max) > 0;
    return el('tr', { 'data-usage': key }, el('td', {}, what), el('td', {}, show(used)),
      el('td', {}, limited ? show(max) : 'no limit'),
      el('td', {}, limited ? el('meter', { min: 0, max: Number(max), value: Math.min(Number(used), Number(max)) }) : '',
        limited ? ' ' + Math.round((100 * Number(used)) / Number(max)) + '%' : ''));
  };
  section.replaceChildren(el('h2', {}, 'Usage against budgets'), el('table', {},
    el('thead', {}, el('tr', {}, ...['', 'used', 'budget', ''].map((h) => el('th', {}, h)))),
    el('tbody', {},
      row('tokens', 'tokens', Number(usage.totalTokens || 0), limits.max_total_tokens, (x) => Number(x)),
      row('cost', 'cost', Number(usage.costUsd || 0), limits.max_cost_usd, dollars),
      row('turns', 'turns', Number(usage.turns || 0), limits.max_turns, (x) => Number(x)),
      el('tr', {}, el('td', {}, 'per turn'), el('td', { colspan: 3 },
        'at most ', limits.max_steps_per_turn || 'unlimited', ' model steps',
        Number(limits.max_turn_seconds) > 0 ? ', ' + limits.max_turn_seconds + ' s' : '',
        ' · model calls ', Number(usage.modelCalls || 0), ' · tool calls ', Number(usage.toolCalls || 0))))));
}

function renderEntry(agentId, entry) {
  const kind = word(entry.kind, 'KIND_');
  const calls = (entry.toolCalls || []).map((c) => el('div', { class: 'call', 'data-call': c.id },
    'calls ', c.name || '', ' ', c.arguments || '',
    (c.name || '').startsWith(AGENT_TOOL)
      ? el('div', {}, el('a', { class: 'subagent', href: agentLink(subAgentId(agentId, c.name, c.id)) },
        'open sub-agent ', c.name.substring(AGENT_TOOL.length)))
      : null));
  const label = kind === 'summary' ? 'summary of earlier turns' : kind === 'tool_result' ? 'result' : kind.replace('_', ' ');
  return el('div', { class: 'entry ' + kind + (entry.error ? ' error' : ''), 'data-kind': kind, 'data-seq': entry.seq },
    el('div', { class: 'meta' }, 'turn ', entry.turn || 0, ' · ', label, ' · ', entry.author || '',
      entry.callId ? ' · ' + entry.callId : '', entry.error ? ' · failed' : ''),
    entry.text || '', ...calls);
}

function renderEvent(event) {
  return el('div', { class: 'event', 'data-seq': event.seq, 'data-type': word(event.type, 'TYPE_') },
    el('span', { class: 'meta' }, '#', event.seq, ' ', when(event.time), ' '), event.text || word(event.type, 'TYPE_'));
}

function renderPending(section, name, agent, refresh) {
  const cards = [];
  for (const approval of agent.pendingApprovals || []) {
    const decide = (approved) => () => act(async () => {
      await StewardApi.call('Decide',
        { name, callId: approval.callId, approved, decidedBy: 'console', reason: approved ? '' : 'denied in the console' });
      refresh();
    });
    cards.push(el('div', { class: 'pending approval', 'data-call': approval.callId },
      'Approve ', el('b', {}, approval.tool), ' with ', el('code', {}, approval.arguments || '{}'), '? ',
      el('button', { class: 'approve', onclick: decide(true) }, 'Approve'), ' ',
      el('button', { class: 'deny', onclick: decide(false) }, 'Deny'),
      approval.deadline ? el('span', { class: 'meta' }, ' (denied at ', when(approval.deadline), ')') : ''));
  }
  for (const question of agent.pendingQuestions || []) {
    const answer = el('input', { class: 'answer-text', placeholder: question.defaultAnswer || 'your answer' });
    cards.push(el('div', { class: 'pending question', 'data-question': question.questionId },
      el('div', {}, question.question), answer, ' ',
      el('button', { class: 'answer', onclick: () => act(async () => {
        await StewardApi.call('AnswerQuestion',
          { name, questionId: question.questionId, text: answer.value, answeredBy: 'console' });
        refresh();
      }) }, 'Answer')));
  }
  section.replaceChildren(el('h2', {}, 'Waiting for you'), ...(cards.length ? cards : [el('div', {}, 'nothing')]));
}

function renderMemory(section, name, agent, refresh) {
  const save = (block, text) => act(async () => {
    await StewardApi.call('SetMemory', { name, block, text, editedBy: 'console' });
    refresh();
  });
  const blocks = (agent.memory || []).map((b) => {
    const text = el('textarea', { class: 'memory-text' });
    text.value = b.text || '';
    return el('div', { class: 'memory-block', 'data-block': b.name },
      el('div', { class: 'meta' }, b.name, b.description ? ' · ' + b.description : '', ' · at most ', b.limit || 0,
        ' characters'),
      el('div', { class: 'memory-shown' }, b.text || ''), text,
      el('button', { class: 'save-memory', onclick: () => save(b.name, text.value) }, 'Save'));
  });
  const newName = el('input', { id: 'new-block-name', placeholder: 'new block name' });
  const newText = el('textarea', { id: 'new-block-text', placeholder: 'its text' });
  const parts = [el('h2', {}, 'Memory'), ...(blocks.length ? blocks : [el('div', {}, 'no memory blocks')]),
    el('div', { class: 'memory-new' }, newName, newText,
      el('button', { id: 'add-block', onclick: () => save(newName.value, newText.value) }, 'Add block'))];
  if (agent.summary) {
    parts.push(el('div', { class: 'entry summary', id: 'summary' },
      el('div', { class: 'meta' }, 'summary of earlier turns (through entry ', agent.compactedThroughSeq || 0, ')'),
      agent.summary));
  }
  section.replaceChildren(...parts);
}

function renderSchedules(section, name, agent, refresh) {
  const change = (schedule, action) => () => act(async () => {
    if (action === 'ACTION_DELETE' && !window.confirm('Delete schedule ' + schedule + ' for good?')) return;
    await StewardApi.call('ChangeSchedule', { name, schedule, action });
    refresh();
  });
  const rows = (agent.schedules || []).map((s) => el('tr', { 'data-schedule': s.name },
    el('td', {}, s.name), el('td', {}, s.description || ''),
    el('td', { class: 'schedule-state' }, s.paused ? 'paused' : 'active'),
    el('td', {}, Number(s.fires || 0)), el('td', {}, when(s.lastFireTime)), el('td', {}, when(s.nextFireTime)),
    el('td', {},
      s.paused ? el('button', { class: 'resume', onclick: change(s.name, 'ACTION_RESUME') }, 'Resume')
        : el('button', { class: 'pause', onclick: change(s.name, 'ACTION_PAUSE') }, 'Pause'), ' ',
      el('button', { class: 'trigger', onclick: change(s.name, 'ACTION_TRIGGER') }, 'Fire now'), ' ',
      el('button', { class: 'delete', onclick: change(s.name, 'ACTION_DELETE') }, 'Delete'))));
  section.replaceChildren(el('h2', {}, 'Schedules'), rows.length
    ? el('table', {}, el('thead', {}, el('tr', {}, ...['name', 'when', 'state', 'fired', 'last', 'next', '']
      .map((h) => el('th', {}, h)))), el('tbody', {}, ...rows))
    : el('div', {}, 'no schedules'));
}

// ---- routing and the key --------------------------------------------------------------------

async function route() {
  views++;
  leaveView();
  leaveView = () => {};
  clearError();
  const view = document.getElementById('view');
  const match = location.hash.match(/^#\/agents\/(.+)$/);
  if (match) await agentView(view, decodeURIComponent(match[1]));
  else await listView(view);
}

function showKeyState() {
  document.getElementById('key-state').textContent = sessionStorage.getItem(StewardApi.KEY) ? 'key set' : 'no key';
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  if (input.value) sessionStorage.setItem(StewardApi.KEY, input.value); else sessionStorage.removeItem(StewardApi.KEY);
  input.value = '';
  showKeyState();
  route();
});
window.addEventListener('hashchange', route);
showKeyState();
route();
