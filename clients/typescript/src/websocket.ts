import { apiError, LlmStreamError } from './errors.js';
import type { Feed, StreamTransport } from './stream.js';
import type { StreamEvent } from './types.js';

type Frame = Record<string, unknown> & { type: string };

/** Where one stream's frames go: buffered until its feed attaches, then delivered; `fail` ends the feed. */
interface Route {
  buffered: Frame[];
  deliver?: (frame: Frame) => void;
  fail?: (error: unknown) => void;
}

/**
 * The streams of one client over one WebSocket (`<base>/v1/ws`): frames are routed to their stream by `stream_id`;
 * when the socket closes every stream's feed fails, and the next `reconnect` opens a new socket and subscribes after
 * the stream's last event id. Commands go through `command` (HTTP).
 */
export class WebSocketTransport implements StreamTransport {
  private socket: WebSocket | undefined;
  private opening: Promise<WebSocket> | undefined;
  private readonly routes = new Map<string, Route>();
  private readonly pending = new Map<string, { resolve: (frame: Frame) => void; reject: (error: unknown) => void }>();
  private requests = 0;

  constructor(
    private readonly url: string,
    private readonly token: () => Promise<string | undefined>,
    private readonly Socket: typeof WebSocket,
    readonly command: StreamTransport['command'],
  ) {}

  /** Sends `chat.send` or `conversation.send`; resolves with the new stream's id and feed once `stream.started` arrives. */
  async start(message: Frame): Promise<{ streamId: string; feed: Feed }> {
    const requestId = String(++this.requests);
    const started = await new Promise<Frame>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.open().then((socket) => socket.send(JSON.stringify({ ...message, request_id: requestId })), (error) => {
        this.pending.delete(requestId);
        reject(error);
      });
    });
    const streamId = String(started.stream_id);
    return { streamId, feed: this.feed(streamId) };
  }

  async reconnect(streamId: string, lastEventId: number): Promise<Feed> {
    const socket = await this.open();
    this.routes.set(streamId, { buffered: [] });
    socket.send(JSON.stringify({ type: 'subscribe', stream_id: streamId, last_event_id: lastEventId }));
    return this.feed(streamId);
  }

  close(): void {
    this.socket?.close(1000);
  }

  private feed(streamId: string): Feed {
    return (deliver, signal) => new Promise<void>((resolve, reject) => {
      const route = this.routes.get(streamId) ?? { buffered: [] };
      this.routes.set(streamId, route);
      const end = () => {
        if (this.routes.get(streamId) === route) this.routes.delete(streamId);
      };
      route.deliver = (frame) => {
        const { stream_id: _, ...event } = frame;
        deliver(event as unknown as StreamEvent);
        if (frame.type === 'done' || frame.type === 'error') {
          end();
          resolve();
        }
      };
      route.fail = (error) => {
        end();
        reject(error);
      };
      signal.addEventListener('abort', () => {
        if (this.routes.get(streamId) === route) {
          end();
          this.socket?.send(JSON.stringify({ type: 'unsubscribe', stream_id: streamId }));
        }
        resolve();
      }, { once: true });
      for (const frame of route.buffered.splice(0)) route.deliver(frame);
    });
  }

  private open(): Promise<WebSocket> {
    if (this.socket?.readyState === this.Socket.OPEN) return Promise.resolve(this.socket);
    this.opening ??= this.token().then((token) => new Promise<WebSocket>((resolve, reject) => {
      const socket = new this.Socket(this.url, token ? [`bearer.${token}`] : []);
      socket.onopen = () => {
        this.socket = socket;
        socket.onclose = () => this.closed(socket);
        resolve(socket);
      };
      socket.onerror = () => reject(new LlmStreamError(`the WebSocket to ${this.url} could not be opened`));
      socket.onmessage = (message) => this.receive(JSON.parse(String(message.data)) as Frame);
    })).finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private receive(frame: Frame): void {
    const requestId = typeof frame.request_id === 'string' ? frame.request_id : undefined;
    const request = requestId === undefined ? undefined : this.pending.get(requestId);
    const streamId = typeof frame.stream_id === 'string' ? frame.stream_id : undefined;
    if (frame.type === 'error' && typeof frame.status === 'number') { // a refusal, not a stream's error event
      const error = apiError(frame.status, frame);
      if (request) {
        this.pending.delete(requestId!);
        request.reject(error);
      } else if (streamId) {
        this.routes.get(streamId)?.fail?.(error);
      }
      return;
    }
    if (frame.type === 'stream.started' && request && streamId) {
      this.pending.delete(requestId!);
      this.routes.set(streamId, { buffered: [] }); // its events may arrive before the feed attaches
      request.resolve(frame);
      return;
    }
    const route = streamId === undefined ? undefined : this.routes.get(streamId);
    if (route?.deliver) route.deliver(frame);
    else route?.buffered.push(frame);
  }

  private closed(socket: WebSocket): void {
    if (this.socket === socket) this.socket = undefined;
    const error = new LlmStreamError('the WebSocket closed');
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
    for (const route of [...this.routes.values()]) route.fail?.(error);
    this.routes.clear();
  }
}
