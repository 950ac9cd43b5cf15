// Drives an InferDeck gateway with the official OpenAI Node SDK and prints what each call gave, as one JSON
// object on stdout; the Java test (OpenAiNodeSdkTest) judges it. Each step catches its own failure, so one
// broken step still lets the others report.
// Usage: node openai-sdk-check.mjs BASE_URL MODEL_ID
import OpenAI from 'openai';

const [baseURL, modelId] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'sk-unused', maxRetries: 0, timeout: 20_000 });
const messages = [{ role: 'user', content: 'hello there' }];
const out = {};

function failure(e) {
  return {
    name: e?.constructor?.name ?? typeof e,
    status: e?.status ?? null,
    message: e?.message ?? String(e),
    param: e?.param ?? null,
    code: e?.code ?? null,
  };
}

async function step(name, fn) {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { failed: failure(e) };
  }
}

await step('list', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  return { ids };
});

await step('retrieve', async () => {
  const m = await client.models.retrieve(modelId);
  return { id: m.id, object: m.object };
});

await step('retrieveMissing', async () => {
  const m = await client.models.retrieve('no-such-model');
  return { unexpected: m };
});

await step('stream', async () => {
  const stream = await client.chat.completions.create({
    model: modelId, messages, stream: true, stream_options: { include_usage: true },
  });
  let content = '';
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    content += chunk.choices?.[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  return { chunks, content, usage };
});

await step('abort', async () => {
  // The SDK ends the iteration quietly when its own signal aborts (no error to catch): what tells an abort
  // from a finished reply is the finish_reason that never came.
  const controller = new AbortController();
  const stream = await client.chat.completions.create(
    { model: modelId, messages, stream: true }, { signal: controller.signal });
  let chunks = 0;
  let finished = false;
  for await (const chunk of stream) {
    chunks++;
    finished ||= Boolean(chunk.choices?.[0]?.finish_reason);
    if (chunks === 3) controller.abort();
  }
  return { chunks, finished, aborted: controller.signal.aborted };
});

await step('badRequest', async () => {
  const r = await client.chat.completions.create({
    model: modelId, messages,
    tools: [{ type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } }],
  });
  return { unexpected: r };
});

console.log(JSON.stringify(out));
