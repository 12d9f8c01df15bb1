package io.llmstream.http.jersey.wire;

/**
 * A response held open while a stream runs (the SSE and the audio sinks); the stream learns from
 * {@link #clientGone} that nobody is reading any more.
 */
interface HeldResponse {

    /** The client closed the connection or the response is over: a stream still running has lost its client. */
    void clientGone();
}
