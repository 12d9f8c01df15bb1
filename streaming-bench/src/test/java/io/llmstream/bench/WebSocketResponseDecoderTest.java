package io.llmstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketResponseDecoderTest {

    @Test
    void shouldDecodeTheUpgradeAndTextFramesFedOneByteAtATimeAndOweAPongForAPing() {
        // given
        String longer = "{\"type\":\"chunk\",\"content\":\"" + "x".repeat(200) + "\",\"stream_id\":\"s\",\"id\":2}";
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(serverFrame(0x1, "{\"type\":\"stream.started\",\"stream_id\":\"s\"}"));
        wire.writeBytes(serverFrame(0x9, "p"));
        wire.writeBytes(serverFrame(0x1, longer));
        wire.writeBytes(serverFrame(0x8, "\u0003\u00e8"));
        WebSocketResponseDecoder decoder = new WebSocketResponseDecoder();
        List<String> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();

        // when
        for (byte b : wire.toByteArray()) {
            decoder.feed(ByteBuffer.wrap(new byte[] {b}), json -> {
                events.add(json);
                ids.add(decoder.eventId());
            });
        }

        // then
        assertThat(decoder.accepted()).isTrue();
        assertThat(events).containsExactly("{\"type\":\"stream.started\",\"stream_id\":\"s\"}", longer);
        assertThat(ids).containsExactly(null, "2");
        ByteBuffer pong = decoder.takeReply();
        assertThat(pong.get(0) & 0xFF).as("FIN + pong").isEqualTo(0x8A);
        assertThat(pong.get(1) & 0xFF).as("masked, one byte").isEqualTo(0x81);
        assertThat(decoder.takeReply()).isNull();
        assertThat(decoder.ended()).isTrue();
    }

    @Test
    void shouldEndARefusedUpgradeAfterItsHeaders() {
        WebSocketResponseDecoder decoder = new WebSocketResponseDecoder();

        decoder.feed(ByteBuffer.wrap("HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII)),
                json -> { });

        assertThat(decoder.status()).isEqualTo(401);
        assertThat(decoder.accepted()).isFalse();
        assertThat(decoder.ended()).isTrue();
    }

    private static byte[] serverFrame(int opcode, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (data.length < 126) {
            frame.write(data.length);
        } else {
            frame.write(126);
            frame.write(data.length >>> 8);
            frame.write(data.length & 0xFF);
        }
        frame.writeBytes(data);
        return frame.toByteArray();
    }
}
