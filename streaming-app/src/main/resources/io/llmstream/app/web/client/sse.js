export class SseParser {
    onMessage;
    onRetry;
    buffer = '';
    started = false;
    pendingCr = false;
    data = [];
    eventType = '';
    lastId = '';
    /**
     * @param onMessage called for every dispatched event, in order
     * @param onRetry called with the reconnection time (ms) of a valid `retry` field
     */
    constructor(onMessage, onRetry = () => { }) {
        this.onMessage = onMessage;
        this.onRetry = onRetry;
    }
    /** The last event id set by the stream so far. */
    get lastEventId() {
        return this.lastId;
    }
    /** Feeds the next piece of decoded text; it may end anywhere, also between CR and LF. */
    feed(text) {
        if (!this.started && text.length > 0) {
            this.started = true;
            if (text.charCodeAt(0) === 0xfeff)
                text = text.slice(1);
        }
        let start = 0;
        if (this.pendingCr && text.startsWith('\n'))
            start = 1; // the LF of a CRLF split across reads
        this.pendingCr = false;
        for (let i = start; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c !== 10 && c !== 13)
                continue;
            this.line(this.buffer + text.slice(start, i));
            this.buffer = '';
            if (c === 13) {
                if (i + 1 === text.length)
                    this.pendingCr = true;
                else if (text.charCodeAt(i + 1) === 10)
                    i++;
            }
            start = i + 1;
        }
        this.buffer += text.slice(start);
    }
    line(line) {
        if (line === '') {
            this.dispatch();
            return;
        }
        if (line.startsWith(':'))
            return;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' '))
            value = value.slice(1);
        switch (field) {
            case 'data':
                this.data.push(value);
                break;
            case 'event':
                this.eventType = value;
                break;
            case 'id':
                if (!value.includes('\0'))
                    this.lastId = value;
                break;
            case 'retry':
                if (/^\d+$/.test(value))
                    this.onRetry(Number(value));
                break;
            default: // unknown fields are ignored
        }
    }
    dispatch() {
        const data = this.data;
        const event = this.eventType;
        this.data = [];
        this.eventType = '';
        if (data.length === 0)
            return;
        this.onMessage({ data: data.join('\n'), event: event || 'message', lastEventId: this.lastId });
    }
}
/**
 * Reads an event stream body to its end, calling `onMessage` per event. UTF-8 split across reads is decoded
 * correctly. Resolves when the body ends; rejects when reading fails (a dropped connection).
 */
export async function readEventStream(body, onMessage, onRetry) {
    const parser = new SseParser(onMessage, onRetry);
    const decoder = new TextDecoder('utf-8');
    const reader = body.getReader();
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            parser.feed(decoder.decode(value, { stream: true }));
        }
        parser.feed(decoder.decode());
    }
    finally {
        reader.releaseLock();
    }
}
