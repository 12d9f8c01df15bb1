import { errorFrom, LlmStreamError } from './errors.js';
import { AnswerStream, sseFeed } from './stream.js';
import { WebSocketTransport } from './websocket.js';
/** A client of one llmstream server. Every method throws an `ApiError` subclass for a non-2xx answer. */
export function createClient(options) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const policy = { maxRetries: options.maxRetries ?? 5, retryDelayMs: options.retryDelayMs ?? 250 };
    async function request(method, path, init = {}) {
        const headers = { Accept: init.accept ?? 'application/json' };
        const bearer = await token();
        if (bearer)
            headers.Authorization = `Bearer ${bearer}`;
        let body = init.body;
        if (init.json !== undefined) {
            headers['Content-Type'] = 'application/json';
            body = JSON.stringify(init.json);
        }
        const response = await doFetch(base + path, { method, headers, body, signal: init.signal, cache: 'no-store' });
        if (!response.ok)
            throw await errorFrom(response);
        return response;
    }
    async function json(method, path, body) {
        const response = await request(method, path, body === undefined ? {} : { json: body });
        return (response.status === 204 ? undefined : await response.json());
    }
    const token = async () => (options.getToken ? await options.getToken() : options.token) ?? undefined;
    const transport = {
        async reconnect(streamId, lastEventId, signal) {
            const response = await request('GET', `/v1/streams/${enc(streamId)}/events?last_event_id=${lastEventId}`, { accept: 'text/event-stream', signal });
            return response.status === 204 ? null : sseFeed(response);
        },
        command: (streamId, action) => json('POST', `/v1/streams/${enc(streamId)}/${action}`),
    };
    async function start(path, payload, opts) {
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
        streamChat(chatId, message, opts = {}) {
            return start(`/sse/${enc(chatId)}/stream`, { message, provider: opts.provider, model: opts.model }, opts);
        },
        /** Streams the answer to `message` in a conversation thread (`POST /v1/conversations/message/stream`). */
        streamConversation(threadId, message, opts = {}) {
            return start('/v1/conversations/message/stream', {
                thread_id: threadId, message, search_tool_config: opts.searchToolConfig, provider: opts.provider, model: opts.model,
            }, opts);
        },
        /**
         * Follows a running (or recently ended) answer after `lastEventId` — e.g. after a reload, with the `active_stream` of
         * the thread or chat and 0 to render it from the start.
         */
        async resume(streamId, lastEventId = 0, opts = {}) {
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
            const open = (streamId, opts, lastEventId, feed) => new AnswerStream(streamId, feed, lastEventId, socket, policy, linked(opts.signal));
            return {
                async streamChat(chatId, message, opts = {}) {
                    const started = await socket.start({ type: 'chat.send', chat_id: chatId, message, provider: opts.provider, model: opts.model });
                    return open(started.streamId, opts, 0, started.feed);
                },
                async streamConversation(threadId, message, opts = {}) {
                    const started = await socket.start({ type: 'conversation.send', thread_id: threadId, message,
                        search_tool_config: opts.searchToolConfig, provider: opts.provider, model: opts.model });
                    return open(started.streamId, opts, 0, started.feed);
                },
                async resume(streamId, lastEventId = 0, opts = {}) {
                    const controller = linked(opts.signal);
                    const feed = await socket.reconnect(streamId, lastEventId);
                    return new AnswerStream(streamId, feed, lastEventId, socket, policy, controller);
                },
                close: () => socket.close(),
            };
        },
        streamStatus: (streamId) => json('GET', `/v1/streams/${enc(streamId)}`),
        stopStream: (streamId) => transport.command(streamId, 'stop'),
        pauseStream: (streamId) => transport.command(streamId, 'pause'),
        resumeStream: (streamId) => transport.command(streamId, 'resume'),
        /** The URL of the spoken answer from after `lastEventId` (for an `<audio>` element; no header can be sent there). */
        audioUrl: (streamId, lastEventId = 0, format = 'mp3') => `${base}/v1/streams/${enc(streamId)}/audio?format=${format}&last_event_id=${lastEventId}`,
        listCharacters: () => json('GET', '/v1/characters'),
        getCharacter: (role) => json('GET', `/v1/characters/${enc(role)}`),
        createCharacter: (character) => json('POST', '/v1/characters', character),
        deleteCharacter: (id) => json('DELETE', `/v1/characters/${enc(id)}`),
        /** Adds a text document to a character's knowledge base. */
        addArtifact: (artifact) => json('POST', '/v1/artifacts', artifact),
        /** Uploads a file (text, Markdown, …) to a character's knowledge base; the title defaults to the file name. */
        async uploadArtifact(role, file, name, title) {
            const form = new FormData();
            form.append('role', role);
            if (title)
                form.append('title', title);
            form.append('file', file, name);
            return (await request('POST', '/v1/artifacts', { body: form })).json();
        },
        listArtifacts: (role) => json('GET', `/v1/artifacts?role=${enc(role)}`),
        deleteArtifact: (id) => json('DELETE', `/v1/artifacts/${enc(id)}`),
        createConversation: (role) => json('POST', '/v1/conversations', { role }),
        listConversations: (limit = 100) => json('GET', `/v1/conversations?limit=${limit}`),
        getConversation: (threadId) => json('GET', `/v1/conversations/${enc(threadId)}`),
        createChat: (chat = {}) => json('POST', '/v1/chats', chat),
        getChat: (chatId) => json('GET', `/v1/chats/${enc(chatId)}`),
    };
}
function enc(segment) {
    return encodeURIComponent(segment);
}
function linked(signal) {
    const controller = new AbortController();
    if (signal?.aborted)
        controller.abort();
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    return controller;
}
