import { AbortedError, ApiError, ConnectionLostError, LlmStreamError, StreamFailedError } from './errors.js';
import { readEventStream } from './sse.js';
/** The events of an SSE response body. */
export function sseFeed(response) {
    return (deliver) => readEventStream(response.body, (message) => deliver({ ...JSON.parse(message.data), id: Number(message.lastEventId) }));
}
/**
 * One streamed answer: an async iterable of its events (for a single consumer) plus the commands that act on the
 * answer itself. A dropped connection is resumed from the last event id with backoff; no event is delivered twice.
 * Leaving a `for await` loop early disconnects (like {@link abort}): the answer goes on on the server.
 */
export class AnswerStream {
    streamId;
    transport;
    policy;
    controller;
    /** Resolves with the `done` event; rejects with `StreamFailedError`, `ConnectionLostError`, `AbortedError` or an `ApiError`. */
    done;
    queue = [];
    wake;
    ended = false;
    failure;
    lastId;
    handedOut;
    resolveDone;
    rejectDone;
    constructor(
    /** The stream's id (`X-Stream-Id`). */
    streamId, first, lastEventId, transport, policy, 
    /** Aborts the first request's body and every later one; the caller's own signal should abort it too. */
    controller) {
        this.streamId = streamId;
        this.transport = transport;
        this.policy = policy;
        this.controller = controller;
        this.lastId = lastEventId;
        this.handedOut = lastEventId;
        this.done = new Promise((resolve, reject) => {
            this.resolveDone = resolve;
            this.rejectDone = reject;
        });
        this.done.catch(() => { }); // a caller who only iterates need not also handle `done`
        controller.signal.addEventListener('abort', () => this.abort(), { once: true });
        if (first === null) {
            this.finish(new LlmStreamError('the stream has ended and its final event was already delivered'), false);
        }
        else {
            void this.pump(first);
        }
    }
    /** The id of the last event the iterator handed out (0 before the first): what to resume after elsewhere. */
    get lastEventId() {
        return this.handedOut;
    }
    /** Stops the answer for every client: the server stores the text so far and ends the stream with `done` (`status: stopped`). */
    stop() {
        return this.transport.command(this.streamId, 'stop');
    }
    /** Pauses delivery for every client (a `paused` event), until {@link resume}. */
    pause() {
        return this.transport.command(this.streamId, 'pause');
    }
    /** Resumes a paused answer (a `resumed` event, then what was held back). */
    resume() {
        return this.transport.command(this.streamId, 'resume');
    }
    /** Disconnects this client only; the answer goes on and can be resumed with `client.resume(streamId, lastEventId)`. */
    abort() {
        if (this.ended)
            return;
        this.finish(new AbortedError(), false);
        this.controller.abort();
    }
    async *[Symbol.asyncIterator]() {
        try {
            for (;;) {
                const next = this.queue.shift();
                if (next !== undefined) {
                    if (Number.isFinite(next.id))
                        this.handedOut = next.id;
                    yield next;
                    continue;
                }
                if (this.ended) {
                    if (this.failure !== undefined)
                        throw this.failure;
                    return;
                }
                await new Promise((resolve) => (this.wake = resolve));
            }
        }
        finally {
            this.abort();
        }
    }
    async pump(first) {
        let feed = first;
        let attempts = 0;
        let cause;
        while (!this.ended) {
            if (feed !== null) {
                const before = this.lastId;
                cause = new LlmStreamError('the connection ended before the final event');
                try {
                    await feed((event) => this.receive(event), this.controller.signal);
                }
                catch (error) {
                    cause = error;
                }
                if (this.ended)
                    return;
                if (cause instanceof ApiError && !retriable(cause.status)) {
                    this.finish(cause, true);
                    return;
                }
                if (this.lastId > before)
                    attempts = 0;
            }
            if (attempts >= this.policy.maxRetries) {
                this.finish(new ConnectionLostError(attempts, cause), true);
                return;
            }
            await delay(Math.min(8000, this.policy.retryDelayMs * 2 ** attempts), this.controller.signal);
            attempts++;
            if (this.ended)
                return;
            try {
                feed = await this.transport.reconnect(this.streamId, this.lastId, this.controller.signal);
                if (feed === null) {
                    this.finish(new LlmStreamError('the stream ended and its final event was already delivered'), true);
                    return;
                }
            }
            catch (error) {
                if (this.ended)
                    return;
                if (error instanceof ApiError && !retriable(error.status)) {
                    this.finish(error, true);
                    return;
                }
                cause = error;
                feed = null;
            }
        }
    }
    receive(event) {
        if (this.ended)
            return;
        if (Number.isFinite(event.id)) {
            if (event.id <= this.lastId)
                return; // already delivered before a reconnect
            this.lastId = event.id;
        }
        this.queue.push(event);
        switch (event.type) {
            case 'done':
                this.resolveDone(event);
                this.finish(undefined, false);
                break;
            case 'error':
                this.finish(new StreamFailedError(event.code, event.message), false);
                break;
            case 'chunk':
            case 'paused':
            case 'resumed':
                this.signal();
                break;
        }
    }
    /** Ends delivery; `error` rejects `done` (unless it already resolved), and is thrown by the iterator when `throwIt`. */
    finish(error, throwIt) {
        if (this.ended)
            return;
        this.ended = true;
        if (error !== undefined) {
            this.rejectDone(error);
            if (throwIt)
                this.failure = error;
        }
        this.controller.abort();
        this.signal();
    }
    signal() {
        const wake = this.wake;
        this.wake = undefined;
        wake?.();
    }
}
function retriable(status) {
    return status >= 500 || status === 408 || status === 429;
}
function delay(ms, signal) {
    return new Promise((resolve) => {
        if (signal.aborted)
            return resolve();
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
        }, { once: true });
    });
}
