package io.llmstream.adapter.llm.http;

import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmException.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The body of a 2xx answer, decoded into events buffer by buffer as the HTTP client delivers them. Each buffer is
 * copied into an array of its own size for the decoder (the JDK client's buffers are read-only views), so a stream
 * waiting for its next bytes holds no read buffer. It tells the watchdog when a read blocks, turns a broken or
 * unfinished body into {@code TRUNCATED}, and delivers the deltas decoded before an in-stream failure ahead of that
 * failure.
 */
final class StreamingBody {

    /** Where the body's bytes come from ({@link PrefetchingBodySubscriber.Body#next()}). */
    @FunctionalInterface
    interface Source {
        /** The next bytes, the caller's to read; {@code null} at the end of the body. */
        ByteBuffer next() throws IOException;
    }

    private final String provider;
    private final Source source;
    private final EventDecoder decoder;
    private final Watchdog watchdog;
    private final Abort abort;
    private final Runnable release;
    private final ArrayDeque<LlmEvent> pending = new ArrayDeque<>();
    private long bytesRead;
    /** A failure decoded in the same read as deltas before it: those are delivered first. */
    private LlmException deferred;

    /** @param release drops the connection as soon as a failure is decoded, while the deltas before it are delivered */
    StreamingBody(String provider, Source source, EventDecoder decoder, Watchdog watchdog, Abort abort,
            Runnable release) {
        this.provider = provider;
        this.source = source;
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
        ByteBuffer read;
        watchdog.readStarted();
        try {
            read = source.next();
        } catch (IOException e) {
            abort.throwIfFired();
            throw new LlmException(Code.TRUNCATED, provider + " broke the stream off after " + bytesRead
                    + " bytes, without its end marker: " + e.getMessage(), e);
        } finally {
            watchdog.readEnded();
        }
        abort.throwIfFired();
        try {
            if (read == null) {
                decoder.end(pending::add);
                if (pending.isEmpty()) {
                    throw new LlmException(Code.TRUNCATED, provider + " ended the stream without its end marker");
                }
            } else {
                byte[] bytes = new byte[read.remaining()];
                read.get(bytes);
                bytesRead += bytes.length;
                decoder.feed(bytes, 0, bytes.length, pending::add);
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
