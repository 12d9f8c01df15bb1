import { errorFrom, LlmStreamError } from './errors.js';
import { AnswerStream, sseFeed, type Feed, type StreamTransport } from './stream.js';
import { WebSocketTransport } from './websocket.js';
import type {
  Artifact, Character, Chat, ChatWithMessages, Conversation, ConversationSummary, NewArtifact, NewCharacter,
  SearchToolConfig, StreamStatus,
} from './types.js';

export interface ClientOptions {
  /** The API's root including its base path: `'/api'` on the server's own page, `'http://127.0.0.1:8080/api'` elsewhere. */
  baseUrl: string;
  /** A bearer token sent with every request (servers with authentication on). */
  token?: string;
  /** Asked before every request instead of `token`, e.g. to refresh it. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Reconnection attempts in a row after a dropped stream before giving up; default 5. */
  maxRetries?: number;
  /** First reconnection delay in ms, doubled per attempt up to 8 s; default 250. */
  retryDelayMs?: number;
  /** For `webSocket()`: default the global `WebSocket` (Node 20 needs `--experimental-websocket`). */
  WebSocket?: typeof WebSocket;
}

export interface StreamOptions {
  provider?: string;
  model?: string;
  /** Aborting it disconnects (like `abort()`); the answer goes on on the server. */
  signal?: AbortSignal;
}

export interface ConversationStreamOptions extends StreamOptions {
  /** Present = ground the answer in the character's knowledge base (citations in `done`). */
  searchToolConfig?: SearchToolConfig;
}

export type Client = ReturnType<typeof createClient>;

/** A client of one llmstream server. Every method throws an `ApiError` subclass for a non-2xx answer. */
export function createClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const policy = { maxRetries: options.maxRetries ?? 5, retryDelayMs: options.retryDelayMs ?? 250 };

  async function request(method: string, path: string, init: { json?: unknown; body?: BodyInit; accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: init.accept ?? 'application/json' };
    const bearer = await token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await doFetch(base + path, { method, headers, body, signal: init.signal, cache: 'no-store' });
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await request(method, path, body === undefined ? {} : { json: body });
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const token = async () => (options.getToken ? await options.getToken() : options.token) ?? undefined;

  const transport: StreamTransport = {
    async reconnect(streamId, lastEventId, signal) {
      const response = await request('GET', `/v1/streams/${enc(streamId)}/events?last_event_id=${lastEventId}`,
        { accept: 'text/event-stream', signal });
      return response.status === 204 ? null : sseFeed(response);
    },
    command: (streamId, action) => json<StreamStatus>('POST', `/v1/streams/${enc(streamId)}/${action}`),
  };

  async function start(path: string, payload: Record<string, unknown>, opts: StreamOptions): Promise<AnswerStream> {
    const controller = linked(opts.signal);
    const response = await request('POST', path, { json: payload, accept: 'text/event-stream', signal: controller.signal });
    const streamId = response.headers.get('X-Stream-Id');
    if (!streamId) {
      controller.abort();
      throw new LlmStreamError('the response has no readable X-Stream-Id header; from another origin, the server must list this '
        + 'origin in CORS_ALLOWED_ORIGINS');
    }
    return new AnswerStream(streamId, sseFeed(response), 0, transport, policy, controller);
  }

  return {
    /** Streams the answer to `message` in a plain chat (`POST /sse/{chatId}/stream`); resolves once the stream has started. */
    streamChat(chatId: string, message: string, opts: StreamOptions = {}): Promise<AnswerStream> {
      return start(`/sse/${enc(chatId)}/stream`, { message, provider: opts.provider, model: opts.model }, opts);
    },

    /** Streams the answer to `message` in a conversation thread (`POST /v1/conversations/message/stream`). */
    streamConversation(threadId: string, message: string, opts: ConversationStreamOptions = {}): Promise<AnswerStream> {
      return start('/v1/conversations/message/stream', {
        thread_id: threadId, message, search_tool_config: opts.searchToolConfig, provider: opts.provider, model: opts.model,
      }, opts);
    },

    /**
     * Follows a running (or recently ended) answer after `lastEventId` — e.g. after a reload, with the `active_stream` of
     * the thread or chat and 0 to render it from the start.
     */
    async resume(streamId: string, lastEventId = 0, opts: { signal?: AbortSignal } = {}): Promise<AnswerStream> {
      const controller = linked(opts.signal);
      const feed = await transport.reconnect(streamId, lastEventId, controller.signal);
      return new AnswerStream(streamId, feed, lastEventId, transport, policy, controller);
    },

    /**
     * The same streams over one WebSocket (`/v1/ws`): `streamChat`, `streamConversation` and `resume` return the same
     * `AnswerStream`s with the same events; a dropped socket is opened again and every stream on it resumed from its
     * last event id. Stop, pause and resume are sent over HTTP. `close()` ends the socket.
     */
    webSocket() {
      const url = new URL(`${base}/v1/ws`, globalThis.location?.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocketTransport(url.toString(), token, options.WebSocket ?? globalThis.WebSocket, transport.command);
      const open = (streamId: string, opts: { signal?: AbortSignal }, lastEventId: number, feed: Feed) =>
        new AnswerStream(streamId, feed, lastEventId, socket, policy, linked(opts.signal));
      return {
        async streamChat(chatId: string, message: string, opts: StreamOptions = {}): Promise<AnswerStream> {
          const started = await socket.start({ type: 'chat.send', chat_id: chatId, message, provider: opts.provider, model: opts.model });
          return open(started.streamId, opts, 0, started.feed);
        },
        async streamConversation(threadId: string, message: string, opts: ConversationStreamOptions = {}): Promise<AnswerStream> {
          const started = await socket.start({ type: 'conversation.send', thread_id: threadId, message,
            search_tool_config: opts.searchToolConfig, provider: opts.provider, model: opts.model });
          return open(started.streamId, opts, 0, started.feed);
        },
        async resume(streamId: string, lastEventId = 0, opts: { signal?: AbortSignal } = {}): Promise<AnswerStream> {
          const controller = linked(opts.signal);
          const feed = await socket.reconnect(streamId, lastEventId);
          return new AnswerStream(streamId, feed, lastEventId, socket, policy, controller);
        },
        close: () => socket.close(),
      };
    },

    streamStatus: (streamId: string) => json<StreamStatus>('GET', `/v1/streams/${enc(streamId)}`),
    stopStream: (streamId: string) => transport.command(streamId, 'stop'),
    pauseStream: (streamId: string) => transport.command(streamId, 'pause'),
    resumeStream: (streamId: string) => transport.command(streamId, 'resume'),
    /** The URL of the spoken answer from after `lastEventId` (for an `<audio>` element; no header can be sent there). */
    audioUrl: (streamId: string, lastEventId = 0, format: 'mp3' | 'wav' = 'mp3') =>
      `${base}/v1/streams/${enc(streamId)}/audio?format=${format}&last_event_id=${lastEventId}`,

    listCharacters: () => json<Character[]>('GET', '/v1/characters'),
    getCharacter: (role: string) => json<Character>('GET', `/v1/characters/${enc(role)}`),
    createCharacter: (character: NewCharacter) => json<Character>('POST', '/v1/characters', character),
    deleteCharacter: (id: string) => json<void>('DELETE', `/v1/characters/${enc(id)}`),

    /** Adds a text document to a character's knowledge base. */
    addArtifact: (artifact: NewArtifact) => json<Artifact>('POST', '/v1/artifacts', artifact),
    /** Uploads a file (text, Markdown, …) to a character's knowledge base; the title defaults to the file name. */
    async uploadArtifact(role: string, file: Blob, name: string, title?: string): Promise<Artifact> {
      const form = new FormData();
      form.append('role', role);
      if (title) form.append('title', title);
      form.append('file', file, name);
      return (await request('POST', '/v1/artifacts', { body: form })).json() as Promise<Artifact>;
    },
    listArtifacts: (role: string) => json<Artifact[]>('GET', `/v1/artifacts?role=${enc(role)}`),
    deleteArtifact: (id: string) => json<void>('DELETE', `/v1/artifacts/${enc(id)}`),

    createConversation: (role: string) => json<ConversationSummary>('POST', '/v1/conversations', { role }),
    listConversations: (limit = 100) => json<ConversationSummary[]>('GET', `/v1/conversations?limit=${limit}`),
    getConversation: (threadId: string) => json<Conversation>('GET', `/v1/conversations/${enc(threadId)}`),

    createChat: (chat: { title?: string; provider?: string; model?: string } = {}) => json<Chat>('POST', '/v1/chats', chat),
    getChat: (chatId: string) => json<ChatWithMessages>('GET', `/v1/chats/${enc(chatId)}`),
  };
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function linked(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}
