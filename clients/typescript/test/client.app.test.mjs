import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ConflictError, createClient, NotFoundError, RateLimitedError, StreamFailedError, UnauthorizedError,
} from '../dist/index.js';
import { GLOSSARY, jwt, missingJar, startApp } from './app.mjs';
import { startProxy } from './proxy.mjs';

const SECRET = 'a-test-secret-of-at-least-thirty-two-bytes!';
const RATE_LIMIT = 150;
/** Answers from two passages stay below it, from four go over it: an error event on demand. */
const MAX_ANSWER_CHARS = 2200;
const skip = missingJar();

/** Reads a stream to its end: the events, the chunks' text joined, and the final event. */
async function collect(stream, onEvent = () => {}) {
  const events = [];
  for await (const event of stream) {
    events.push(event);
    await onEvent(event, events);
  }
  return { events, text: events.filter((e) => e.type === 'chunk').map((e) => e.content).join(''), last: events.at(-1) };
}

describe('the client against the real server (offline provider, embedded database)', { skip }, () => {
  let app;
  let client;
  let role;

  before(async () => {
    app = await startApp({ AUTH_JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), STREAM_DETACH_GRACE_SECONDS: '30',
      STREAMING_MAX_ANSWER_CHARS: String(MAX_ANSWER_CHARS) });
    client = createClient({ baseUrl: app.api, getToken: () => jwt(SECRET, 'alice'), retryDelayMs: 50 });
    role = `tester-${Date.now()}`;
    await client.createCharacter({ role, system_prompt: 'Antworte knapp.' });
    await client.addArtifact({ role, title: 'KI-Glossar', content: GLOSSARY, content_type: 'text/markdown' });
  }, { timeout: 180_000 });

  after(async () => app?.stop());

  async function conversation(message = 'Was ist KI und maschinelles Lernen?', options = {}) {
    const thread = await client.createConversation(role);
    const stream = await client.streamConversation(thread.thread_id, message, { searchToolConfig: { strategy: 'single_stage', top_k: 2 }, ...options });
    return { thread, stream };
  }

  test('streams a whole answer: chunks in id order that add up to the done text, with citations, as stored', async () => {
    const { thread, stream } = await conversation();

    const { events, text, last } = await collect(stream);

    assert.equal(last.type, 'done');
    assert.equal(last.status, 'complete');
    assert.equal(last.streamId, stream.streamId);
    assert.equal(text, last.content);
    assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1));
    assert.ok(last.citations.length > 0, 'the answer cites the glossary');
    assert.equal(last.citations[0].metadata.title, 'KI-Glossar');
    assert.deepEqual(await stream.done, last);
    const stored = await eventually(async () => (await client.getConversation(thread.thread_id)).messages.find((m) => m.role === 'assistant'));
    assert.equal(stored.content, last.content);
  });

  test('resumes after the connection is cut mid-answer, from the last event id, with no text lost or repeated', async () => {
    const proxy = await startProxy(Number(new URL(app.origin).port));
    try {
      const viaProxy = createClient({ baseUrl: `http://127.0.0.1:${proxy.port}/api`, token: jwt(SECRET, 'alice'), retryDelayMs: 50 });
      const thread = await client.createConversation(role);
      const stream = await viaProxy.streamConversation(thread.thread_id, 'Was ist KI?', { searchToolConfig: { top_k: 2 } });
      let cutAfter;

      const { events, text, last } = await collect(stream, (event) => {
        if (cutAfter === undefined && event.type === 'chunk' && event.id === 3) {
          cutAfter = event.id;
          proxy.cutAll();
        }
      });

      assert.equal(cutAfter, 3, 'the connection was cut before the answer ended');
      assert.ok(proxy.connections >= 2, 'the client connected again');
      assert.equal(last.type, 'done');
      assert.equal(text, last.content);
      assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1));
    } finally {
      await proxy.close();
    }
  });

  test('stop ends the answer for good with the partial text, status stopped', async () => {
    const { stream } = await conversation();
    let stopped;

    const { text, last } = await collect(stream, async (event) => {
      if (event.type === 'chunk' && !stopped) stopped = await stream.stop();
    });

    assert.equal(stopped.status, 'stopped');
    assert.equal(last.type, 'done');
    assert.equal(last.status, 'stopped');
    assert.equal(last.content, text);
    assert.equal((await client.streamStatus(stream.streamId)).status, 'stopped');
  });

  test('pause holds every chunk back until resume, then the answer goes on to its end', async () => {
    const { stream } = await conversation();
    let paused = false;

    const { events, text, last } = await collect(stream, async (event) => {
      if (event.type === 'chunk' && !paused) {
        paused = true;
        await stream.pause();
      } else if (event.type === 'paused') {
        assert.equal((await client.streamStatus(stream.streamId)).status, 'paused');
        await stream.resume();
      }
    });

    const types = events.map((e) => e.type);
    const at = types.indexOf('paused');
    assert.ok(at > 0, 'a paused event arrived');
    assert.equal(types[at + 1], 'resumed', 'no chunk between paused and resumed');
    assert.equal(last.type, 'done');
    assert.equal(text, last.content);
  });

  test('a reloaded page finds the running answer in active_stream and resumes it where it left off', async () => {
    const { thread, stream } = await conversation();
    const seen = [];
    for await (const event of stream) {
      seen.push(event);
      if (seen.length === 2) break; // leaving the loop disconnects, like closing the tab
    }
    await assert.rejects(stream.done, { name: 'AbortedError' });

    const active = (await client.getConversation(thread.thread_id)).active_stream;
    assert.equal(active?.stream_id, stream.streamId);
    const resumed = await client.resume(active.stream_id, stream.lastEventId);
    const { events, text, last } = await collect(resumed);

    assert.equal(events[0].id, 3);
    assert.equal(seen.map((e) => e.content).join('') + text, last.content);
  });

  test('typed errors: 404, 401 and 409 with the running stream id', async () => {
    await assert.rejects(client.getConversation(randomUUID()), (error) =>
      error instanceof NotFoundError && error.status === 404 && error.code === 'not_found' && /not found/i.test(error.message));
    const stranger = createClient({ baseUrl: app.api, token: 'not-a-token' });
    await assert.rejects(stranger.listCharacters(), (error) => error instanceof UnauthorizedError && error.status === 401);
    const { thread, stream } = await conversation();
    await assert.rejects(client.streamConversation(thread.thread_id, 'noch eine Frage'), (error) =>
      error instanceof ConflictError && error.streamId === stream.streamId);
    await stream.stop();
    await stream.done;
  });

  test('an error event ends the stream: the iterator yields it, done rejects with its code', async () => {
    const { stream } = await conversation('Erkläre KI, Lernen, Netze, Sprachmodelle und Retrieval.', {
      searchToolConfig: { strategy: 'single_stage', top_k: 4 },
    });

    const { last } = await collect(stream);

    assert.equal(last.type, 'error');
    assert.equal(last.code, 'limit_answer_length');
    await assert.rejects(stream.done, (error) => error instanceof StreamFailedError && error.code === 'limit_answer_length');
  });

  test('over a WebSocket: the same events, ending with the stored answer', async () => {
    const ws = client.webSocket();
    try {
      const thread = await client.createConversation(role);
      const stream = await ws.streamConversation(thread.thread_id, 'Was ist KI?', { searchToolConfig: { top_k: 2 } });

      const { events, text, last } = await collect(stream);

      assert.equal(last.type, 'done');
      assert.equal(last.streamId, stream.streamId);
      assert.equal(text, last.content);
      assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1));
      assert.ok(events.every((e) => !('stream_id' in e)), 'the same event objects as over SSE');
      assert.ok(last.citations.length > 0);
    } finally {
      ws.close();
    }
  });

  test('over a WebSocket: a cut socket is opened again and the answer resumed with nothing lost or repeated', async () => {
    const proxy = await startProxy(Number(new URL(app.origin).port));
    const ws = createClient({ baseUrl: `http://127.0.0.1:${proxy.port}/api`, token: jwt(SECRET, 'alice'), retryDelayMs: 50 }).webSocket();
    try {
      const chat = await client.createChat({});
      const thread = await client.createConversation(role);
      const stream = await ws.streamConversation(thread.thread_id, 'Was ist KI?', { searchToolConfig: { top_k: 2 } });
      let cut = false;

      const { events, text, last } = await collect(stream, (event) => {
        if (!cut && event.id === 3) {
          cut = true;
          proxy.cutAll();
        }
      });

      assert.ok(cut && proxy.connections >= 2, 'the socket was cut and opened again');
      assert.equal(last.type, 'done');
      assert.equal(text, last.content);
      assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1));
      await assert.rejects(ws.streamChat(chat.chat_id, ''), (error) => error.status === 400);
    } finally {
      ws.close();
      await proxy.close();
    }
  });

  test('over a WebSocket: refusals are the same typed errors (404, 409 with the running stream id)', async () => {
    const ws = client.webSocket();
    try {
      await assert.rejects(ws.streamChat(randomUUID(), 'Hallo'), (error) => error instanceof NotFoundError && error.code === 'not_found');
      const thread = await client.createConversation(role);
      const running = await ws.streamConversation(thread.thread_id, 'Was ist KI?');
      await assert.rejects(ws.streamConversation(thread.thread_id, 'noch eine'), (error) =>
        error instanceof ConflictError && error.streamId === running.streamId);
      await running.stop();
      await running.done;
    } finally {
      ws.close();
    }
  });

  test('429 from the rate limit is a RateLimitedError with its retry-after', async () => {
    let refused;
    for (let i = 0; i <= RATE_LIMIT && !refused; i++) {
      try {
        await client.listCharacters();
      } catch (error) {
        refused = error;
      }
    }
    assert.ok(refused instanceof RateLimitedError, `expected a 429, got ${refused}`);
    assert.equal(refused.status, 429);
    assert.ok(refused.retryAfterSeconds >= 1);
  });
});

async function eventually(read, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('not there in time');
    await new Promise((done) => setTimeout(done, 100));
  }
}
