package io.llmstream.app.archfixture;

import io.llmstream.http.jersey.server.StreamingApi;
import io.llmstream.http.jersey.wire.SseStreams;

/** Breaks the HTTP adapter's entry-point rule on purpose: reaches into its SSE wire (next to a published type). */
public class AppThatUsesTheHttpWire {

    StreamingApi api;
    SseStreams streams;
}
