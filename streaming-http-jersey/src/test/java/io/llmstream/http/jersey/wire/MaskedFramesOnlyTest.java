package io.llmstream.http.jersey.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;

class MaskedFramesOnlyTest {

    @Test
    void shouldFollowMaskedFramesOfEveryLengthAcrossReadsAndStopAtTheFirstUnmaskedOne() {
        // given: masked frames with a 7-bit, a 16-bit and a 64-bit length, then an unmasked one
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(frame(100, true));
        wire.writeBytes(frame(300, true));
        wire.writeBytes(frame(70_000, true));
        int unmaskedAt = wire.size();
        wire.writeBytes(frame(5, false));
        byte[] bytes = wire.toByteArray();
        MaskedFramesOnly.Frames frames = new MaskedFramesOnly.Frames();

        // when: read in pieces of 7 bytes, as a slow network delivers them
        int refusedIn = -1;
        for (int at = 0; at < bytes.length && refusedIn < 0; at += 7) {
            int length = Math.min(7, bytes.length - at);
            if (!frames.allMasked(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes, at, length))) {
                refusedIn = at;
            }
        }

        // then: refused in the read that carries the unmasked frame's second byte, not before
        assertThat(refusedIn).isEqualTo((unmaskedAt + 1) / 7 * 7);
    }

    private static byte[] frame(int length, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        int mask = masked ? 0x80 : 0;
        if (length < 126) {
            frame.write(mask | length);
        } else if (length < 65_536) {
            frame.write(mask | 126);
            frame.write(length >>> 8);
            frame.write(length & 0xFF);
        } else {
            frame.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift) & 0xFF);
            }
        }
        if (masked) {
            frame.writeBytes(new byte[] {1, 2, 3, 4});
        }
        frame.writeBytes(new byte[length]);
        return frame.toByteArray();
    }
}
