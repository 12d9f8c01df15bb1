import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readEventStream, SseParser } from '../dist/index.js';

function parse(...pieces) {
  const events = [];
  const retries = [];
  const parser = new SseParser((message) => events.push(message), (ms) => retries.push(ms));
  for (const piece of pieces) parser.feed(piece);
  return { events, retries, lastEventId: parser.lastEventId };
}

/** Every way of cutting `text` into two reads gives the same events as one read. */
function assertSameForEverySplit(text) {
  const whole = parse(text);
  for (let cut = 0; cut <= text.length; cut++) {
    assert.deepEqual(parse(text.slice(0, cut), text.slice(cut)), whole, `split at ${cut}`);
  }
  return whole;
}

describe('SseParser', () => {
  test('dispatches one event per blank line with its id and data', () => {
    const { events } = parse('id: 1\ndata: {"type":"chunk"}\n\nid: 2\ndata: x\n\n');
    assert.deepEqual(events, [
      { data: '{"type":"chunk"}', event: 'message', lastEventId: '1' },
      { data: 'x', event: 'message', lastEventId: '2' },
    ]);
  });

  test('treats CR, LF and CRLF alike, also when a CRLF is split between reads', () => {
    const lf = parse('data: a\n\ndata: b\n\n').events;
    assert.deepEqual(parse('data: a\r\rdata: b\r\r').events, lf);
    assert.deepEqual(parse('data: a\r\n\r\ndata: b\r\n\r\n').events, lf);
    assert.deepEqual(parse('data: a\r', '\n\r', '\ndata: b\r\n\r\n').events, lf);
    assertSameForEverySplit('id: 7\r\ndata: one\r\ndata: two\r\n\r\n: comment\r\nretry: 2000\r\rdata: x\n\n');
  });

  test('joins multi-line data with LF and keeps the space after the first one only', () => {
    const { events } = parse('data: first\ndata:  second\ndata\ndata:third\n\n');
    assert.equal(events[0].data, 'first\n second\n\nthird');
  });

  test('ignores comments, unknown fields and blocks without data', () => {
    const { events } = parse(': heartbeat\n\nfoo: bar\n\nid: 3\n\ndata: kept\n\n');
    assert.deepEqual(events, [{ data: 'kept', event: 'message', lastEventId: '3' }]);
  });

  test('reports retry with digits only', () => {
    assert.deepEqual(parse('retry: 2000\n\nretry: 1.5\n\nretry: x\n\n').retries, [2000]);
  });

  test('keeps the last id for later events, and ignores an id with NUL', () => {
    const { events, lastEventId } = parse('id: 4\ndata: a\n\ndata: b\n\nid: 5\0\ndata: c\n\n');
    assert.deepEqual(events.map((event) => event.lastEventId), ['4', '4', '4']);
    assert.equal(lastEventId, '4');
  });

  test('reads the event field and a field line without a colon', () => {
    const { events } = parse('event: ping\ndata\n\n');
    assert.deepEqual(events, [{ data: '', event: 'ping', lastEventId: '' }]);
  });

  test('drops a leading BOM and discards an unfinished event at the end', () => {
    const { events } = parse('\uFEFFdata: a\n\ndata: unfinished');
    assert.deepEqual(events.map((event) => event.data), ['a']);
  });

  test('gives the same events for every split of a stream like the server writes', () => {
    const stream = 'retry: 2000\n\nid: 1\ndata: {"type":"chunk","content":"KI "}\n\n: heartbeat\n\n'
      + 'id: 2\ndata: {"type":"done","content":"KI ist…"}\n\n';
    const { events, retries } = assertSameForEverySplit(stream);
    assert.equal(events.length, 2);
    assert.deepEqual(retries, [2000]);
  });
});

describe('readEventStream', () => {
  test('decodes UTF-8 split inside a character across reads', async () => {
    const bytes = new TextEncoder().encode('id: 1\ndata: Künstliche Intelligenz 🤖\n\n');
    const emoji = bytes.indexOf(0xf0);
    const body = new ReadableStream({
      start(controller) {
        for (const [from, to] of [[0, 10], [10, emoji + 2], [emoji + 2, bytes.length]]) controller.enqueue(bytes.slice(from, to));
        controller.close();
      },
    });
    const events = [];
    await readEventStream(body, (message) => events.push(message));
    assert.deepEqual(events.map((event) => event.data), ['Künstliche Intelligenz 🤖']);
  });

  test('rejects when the body fails mid-stream, after the events before it', async () => {
    let reads = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (reads++ === 0) controller.enqueue(new TextEncoder().encode('id: 1\ndata: a\n\nid: 2\nda'));
        else controller.error(new Error('connection reset'));
      },
    });
    const events = [];
    await assert.rejects(readEventStream(body, (message) => events.push(message)), /connection reset/);
    assert.deepEqual(events.map((event) => event.data), ['a']);
  });
});
