// The official OpenAI SDK for Node (npm "openai", pinned in .ci/run) against a Steward gateway:
// only the base URL and the key differ from a program written for OpenAI. Run by OpenAiNodeSdkTest
// with STEWARD_BASE_URL and STEWARD_API_KEY; exits non-zero, saying why, when anything is off.
const OpenAI = require('openai');

const baseURL = process.env.STEWARD_BASE_URL;
const client = new OpenAI({ baseURL, apiKey: process.env.STEWARD_API_KEY, maxRetries: 0 });

function check(condition, what) {
  if (!condition) {
    throw new Error('check failed: ' + what);
  }
}

// Polls a background response until it reaches one of the statuses (a client's ordinary loop).
async function until(id, statuses) {
  const deadline = Date.now() + 60000;
  for (;;) {
    const response = await client.responses.retrieve(id);
    if (statuses.includes(response.status)) {
      return response;
    }
    check(Date.now() < deadline, `response ${id} still ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function expectError(type, call) {
  try {
    await call();
  } catch (e) {
    check(e instanceof type, `expected ${type.name}, got ${e && e.constructor && e.constructor.name}: ${e}`);
    return e;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}

async function main() {
  // Create, then continue the same durable agent.
  const first = await client.responses.create({ model: 'clerk', input: 'hello from node', metadata: { app: 'node' } });
  check(first.status === 'completed', 'first completed: ' + first.status);
  check(first.output_text === 'echo: hello from node', 'first text: ' + first.output_text);
  check(first.usage.input_tokens > 0 && first.usage.output_tokens > 0, 'usage is metered');
  const second = await client.responses.create({ model: 'clerk', input: 'again', previous_response_id: first.id });
  check(second.output_text === 'echo: again', 'second text: ' + second.output_text);

  // Stream a third turn.
  const stream = await client.responses.create({
    model: 'clerk', input: 'stream it', previous_response_id: second.id, stream: true,
  });
  const types = [];
  let deltas = '';
  let lastSeq = -1;
  for await (const event of stream) {
    types.push(event.type);
    check(event.sequence_number > lastSeq, 'sequence numbers grow');
    lastSeq = event.sequence_number;
    if (event.type === 'response.output_text.delta') {
      deltas += event.delta;
    }
  }
  check(types[0] === 'response.created', 'first event: ' + types[0]);
  check(types[types.length - 1] === 'response.completed', 'last event: ' + types[types.length - 1]);
  check(deltas === 'echo: stream it', 'deltas: ' + deltas);

  // Background, polled; another cancelled while it waits for an approval.
  const later = await client.responses.create({ model: 'clerk', input: 'in the background', background: true });
  check((await until(later.id, ['completed'])).output_text === 'echo: in the background', 'background reply');
  const waiting = await client.responses.create({ model: 'clerk', input: 'what time is it', background: true });
  const pending = await until(waiting.id, ['incomplete']);
  check(pending.output[0].type === 'mcp_approval_request', 'pending item: ' + JSON.stringify(pending.output));
  const cancelled = await client.responses.cancel(waiting.id);
  check(cancelled.status === 'cancelled', 'cancelled: ' + cancelled.status);
  // Cancelling ends the turn, not the agent: the conversation goes on.
  const after = await client.responses.create({ input: 'after the cancel', previous_response_id: waiting.id });
  check(after.output_text === 'echo: after the cancel', 'after the cancel: ' + after.output_text);

  // An approval resumes the turn that waits for it.
  const asking = await client.responses.create({ model: 'clerk', input: 'time now?' });
  check(asking.status === 'incomplete', 'waits for approval: ' + asking.status);
  const approved = await client.responses.create({
    previous_response_id: asking.id,
    input: [{ type: 'mcp_approval_response', approval_request_id: asking.output[0].id, approve: true }],
  });
  check(approved.output_text.startsWith('The time is '), 'approved: ' + approved.output_text);

  // A conversation: one agent, its transcript as items.
  const conversation = await client.conversations.create();
  await client.responses.create({ model: 'clerk', input: 'one', conversation: conversation.id });
  const two = await client.responses.create({ model: 'clerk', input: 'two', conversation: conversation.id });
  check(two.output_text === 'echo: two', 'conversation reply');
  const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
  check(items.data.map((i) => i.role).join(',') === 'user,assistant,user,assistant', 'items: '
    + JSON.stringify(items.data));
  const deleted = await client.conversations.delete(conversation.id);
  check(deleted.deleted === true, 'deleted');

  // Errors as the SDK's own exception types.
  const badModel = await expectError(OpenAI.BadRequestError,
    () => client.responses.create({ model: 'no-such-spec', input: 'hi' }));
  check(badModel.param === 'model', 'param: ' + badModel.param);
  await expectError(OpenAI.NotFoundError, () => client.responses.retrieve('resp_bm90LW91cnM'));
  const stranger = new OpenAI({ baseURL, apiKey: 'not-a-key', maxRetries: 0 });
  await expectError(OpenAI.AuthenticationError, () => stranger.responses.create({ model: 'clerk', input: 'hi' }));

  console.log('node flow ok');
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
