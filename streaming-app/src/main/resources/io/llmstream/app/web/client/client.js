import { errorFrom, LlmStreamError } from './errors.js';
import { AnswerStream } from './stream.js';
/** A client of one llmstream server. Every method throws an `ApiError` subclass for a non-2xx answer. */
export function createClient(options) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const policy = { maxRetries: options.maxRetries ?? 5, retryDelayMs: options.retryDelayMs ?? 250 };
    async function request(method, path, init = {}) {
        const headers = { Accept: init.accept ?? 'application/json' };
        const token = options.getToken ? await options.getToken() : options.token;
        if (token)
            headers.Authorization = `Bearer ${token}`;
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
    const transport = {
        async openEvents(streamId, lastEventId, signal) {
            const response = await request('GET', `/v1/streams/${enc(streamId)}/events?last_event_id=${lastEventId}`, { accept: 'text/event-stream', signal });
            return response.status === 204 ? null : response;
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
        return new AnswerStream(streamId, response, 0, transport, policy, controller);
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
            const response = await transport.openEvents(streamId, lastEventId, controller.signal);
            return new AnswerStream(streamId, response, lastEventId, transport, policy, controller);
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
