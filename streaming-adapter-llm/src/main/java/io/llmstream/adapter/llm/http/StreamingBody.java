package io.llmstream.adapter.llm.http;

import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * The body of a 2xx answer, read in small pieces and decoded into events. It tells the watchdog when a read blocks,
 * turns a broken or unfinished body into {@code TRUNCATED}, and delivers the deltas decoded before an in-stream
 * failure ahead of that failure.
 */
final class StreamingBody {

    /**
     * Bytes taken from the body per read. An idle stream holds this buffer while it waits in {@code read}, so it
     * is kept small: an SSE event of a streamed answer is a few hundred bytes, and a larger burst is simply read
     * in several turns.
     */
    static final int READ_BUFFER_BYTES = 2048;

    private final String provider;
    private final InputStream in;
    private final EventDecoder decoder;
    private final Watchdog watchdog;
    private final Abort abort;
    private final Runnable release;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final ArrayDeque<LlmEvent> pending = new ArrayDeque<>();
    private long bytesRead;
    /** A failure decoded in the same read as deltas before it: those are delivered first. */
    private LlmException deferred;

    /** @param release drops the connection as soon as a failure is decoded, while the deltas before it are delivered */
    StreamingBody(String provider, InputStream in, EventDecoder decoder, Watchdog watchdog, Abort abort,
            Runnable release) {
        this.provider = provider;
        this.in = in;
        this.decoder = decoder;
        this.watchdog = watchdog;
        this.abort = abort;
        this.release = release;
    }

    /**
     * The next decoded event, reading as much of the body as that takes.
     *
     * @throws LlmException the decoder's failure, {@code TRUNCATED}, or the abort's reason
     */
    LlmEvent next() {
        while (pending.isEmpty()) {
            if (deferred != null) {
                throw deferred;
            }
            readAndDecode();
        }
        return pending.poll();
    }

    private void readAndDecode() {
        int n;
        watchdog.readStarted();
        try {
            n = in.read(buffer);
        } catch (IOException e) {
            abort.throwIfFired();
            throw new LlmException(Code.TRUNCATED, provider + " broke the stream off after " + bytesRead
                    + " bytes, without its end marker: " + e.getMessage(), e);
        } finally {
            watchdog.readEnded();
        }
        abort.throwIfFired();
        try {
            if (n < 0) {
                decoder.end(pending::add);
                if (pending.isEmpty()) {
                    throw new LlmException(Code.TRUNCATED, provider + " ended the stream without its end marker");
                }
            } else {
                bytesRead += n;
                decoder.feed(buffer, 0, n, pending::add);
            }
        } catch (LlmException e) {
            if (pending.isEmpty()) {
                throw e;
            }
            deferred = e;
            release.run();
        }
    }
}
