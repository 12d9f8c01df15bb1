package io.llmstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseResponseDecoderTest {

    @Test
    void shouldDecodeEventsOfAChunkedResponseFedOneByteAtATime() {
        // given
        String body = "id: 1\ndata: {\"type\":\"chunk\",\"content\":\"t0 \"}\n\n: heartbeat\n\ndata: a\ndata: b\n\n";
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/event-stream\r\n\r\n"
                + Integer.toHexString(20) + "\r\n" + body.substring(0, 20) + "\r\n"
                + Integer.toHexString(body.length() - 20) + "\r\n" + body.substring(20) + "\r\n0\r\n\r\n";
        SseResponseDecoder decoder = new SseResponseDecoder();
        List<String> events = new ArrayList<>();

        // when
        for (byte b : wire.getBytes(StandardCharsets.UTF_8)) {
            decoder.feed(ByteBuffer.wrap(new byte[] {b}), events::add);
        }

        // then
        assertThat(decoder.status()).isEqualTo(200);
        assertThat(events).containsExactly("{\"type\":\"chunk\",\"content\":\"t0 \"}", "a\nb");
        assertThat(decoder.ended()).isTrue();
    }

    @Test
    void shouldKeepTheBodyOfAnErrorResponse() {
        // given
        String wire = "HTTP/1.1 404 Not Found\r\nContent-Length: 11\r\n\r\n{\"e\":\"no\"}\n";
        SseResponseDecoder decoder = new SseResponseDecoder();
        List<String> events = new ArrayList<>();

        // when
        decoder.feed(ByteBuffer.wrap(wire.getBytes(StandardCharsets.UTF_8)), events::add);

        // then
        assertThat(decoder.status()).isEqualTo(404);
        assertThat(decoder.ended()).isTrue();
        assertThat(decoder.errorBody()).isEqualTo("{\"e\":\"no\"}\n");
        assertThat(events).isEmpty();
    }

    @Test
    void shouldSkipTheOpeningRetryBlockAndKeepTheStreamIdAndEventIds() {
        // given: the stream-resource service's framing: retry first, ids on every event
        String body = "retry: 2000\n\nid: 1\ndata: {\"type\":\"chunk\"}\n\n: heartbeat\n\nid: 2\ndata: {\"type\":\"done\"}\n\n";
        String wire = "HTTP/1.1 200 OK\r\nX-Stream-Id: 5b0c\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        SseResponseDecoder decoder = new SseResponseDecoder();
        List<String> events = new ArrayList<>();

        // when
        for (byte b : wire.getBytes(StandardCharsets.UTF_8)) {
            decoder.feed(ByteBuffer.wrap(new byte[] {b}), data -> events.add(decoder.eventId() + "=" + data));
        }

        // then
        assertThat(decoder.streamId()).isEqualTo("5b0c");
        assertThat(events).containsExactly("1={\"type\":\"chunk\"}", "2={\"type\":\"done\"}");
        assertThat(decoder.ended()).isTrue();
    }
}
