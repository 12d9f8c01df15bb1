package io.llmstream.http.jersey;

/**
 * A response entity that holds its response open while a stream runs (the SSE and the audio sinks): its
 * {@code write} returns only when the stream has ended, and the stream learns from {@link #clientGone} that
 * nobody is reading any more.
 */
interface HeldResponse {

    /** The client closed the connection or the response is over: a stream still running has lost its client. */
    void clientGone();
}
