/**
 * A Server-Sent Events parser that follows the WHATWG "event stream interpretation" rules: lines end with CR, LF or
 * CRLF (also when a CRLF is split across two reads), a leading BOM is dropped, comment lines (`:`) are ignored,
 * `data` lines are joined with LF, `id` sets the last event id (unless it contains NUL), `retry` takes digits only,
 * and an event is dispatched at a blank line — an unfinished event at the end of the stream is discarded.
 */
export interface SseMessage {
  /** The `data` lines joined with LF. */
  readonly data: string;
  /** The `event` field, `message` when absent. */
  readonly event: string;
  /** The last event id in force when this event was dispatched (`""` when none was ever set). */
  readonly lastEventId: string;
}

export class SseParser {
  private buffer = '';
  private started = false;
  private pendingCr = false;
  private data: string[] = [];
  private eventType = '';
  private lastId = '';

  /**
   * @param onMessage called for every dispatched event, in order
   * @param onRetry called with the reconnection time (ms) of a valid `retry` field
   */
  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    private readonly onRetry: (milliseconds: number) => void = () => {},
  ) {}

  /** The last event id set by the stream so far. */
  get lastEventId(): string {
    return this.lastId;
  }

  /** Feeds the next piece of decoded text; it may end anywhere, also between CR and LF. */
  feed(text: string): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    if (this.pendingCr && text.startsWith('\n')) start = 1; // the LF of a CRLF split across reads
    this.pendingCr = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.buffer + text.slice(start, i));
      this.buffer = '';
      if (c === 13) {
        if (i + 1 === text.length) this.pendingCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer += text.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
      default: // unknown fields are ignored
    }
  }

  private dispatch(): void {
    const data = this.data;
    const event = this.eventType;
    this.data = [];
    this.eventType = '';
    if (data.length === 0) return;
    this.onMessage({ data: data.join('\n'), event: event || 'message', lastEventId: this.lastId });
  }
}

/**
 * Reads an event stream body to its end, calling `onMessage` per event. UTF-8 split across reads is decoded
 * correctly. Resolves when the body ends; rejects when reading fails (a dropped connection).
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (message: SseMessage) => void,
  onRetry?: (milliseconds: number) => void,
): Promise<void> {
  const parser = new SseParser(onMessage, onRetry);
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    reader.releaseLock();
  }
}
