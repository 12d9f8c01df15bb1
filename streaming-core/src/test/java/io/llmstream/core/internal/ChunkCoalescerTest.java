package io.llmstream.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkCoalescerTest {

    @Test
    void shouldHoldTextBackUntilTheChunkSizeIsReached() {
        ChunkCoalescer chunks = new ChunkCoalescer(4);

        assertThat(chunks.add("ab", 0)).isNull();
        assertThat(chunks.add("cde", 1)).isEqualTo("abcde");
        assertThat(chunks.hasPending()).isFalse();
    }

    @Test
    void shouldRememberWhenTheOldestWaitingTextArrived() {
        ChunkCoalescer chunks = new ChunkCoalescer(10);

        chunks.add("a", 100);
        chunks.add("b", 200);

        assertThat(chunks.pendingSinceNanos()).isEqualTo(100);
        assertThat(chunks.flushDue(300)).isEqualTo("ab");
    }

    @Test
    void shouldKeepATrailingHighSurrogateForItsPartner() {
        ChunkCoalescer chunks = new ChunkCoalescer(1);

        assertThat(chunks.add("x\uD83D", 0)).isEqualTo("x");
        assertThat(chunks.flushDue(1)).isNull();
        assertThat(chunks.add("\uDE00", 2)).isEqualTo("😀");
    }

    @Test
    void shouldFlushEverythingAtTheEndEvenALoneSurrogate() {
        ChunkCoalescer chunks = new ChunkCoalescer(5);
        chunks.add("ab\uD83D", 0);

        assertThat(chunks.flushAll()).isEqualTo("ab\uD83D");
        assertThat(chunks.flushAll()).isNull();
    }
}
