package io.llmstream.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChunkCoalescerTest {

    @Test
    void shouldHoldTextBackUntilTheChunkSizeIsReached() {
        ChunkCoalescer chunks = new ChunkCoalescer(4);

        assertThat(chunks.add("ab", 0)).isEmpty();
        assertThat(chunks.add("cde", 1)).contains("abcde");
        assertThat(chunks.hasPending()).isFalse();
    }

    @Test
    void shouldRememberWhenTheOldestWaitingTextArrived() {
        ChunkCoalescer chunks = new ChunkCoalescer(10);

        chunks.add("a", 100);
        chunks.add("b", 200);

        assertThat(chunks.pendingSinceNanos()).isEqualTo(100);
        assertThat(chunks.flushDue(300)).contains("ab");
    }

    @Test
    void shouldKeepATrailingHighSurrogateForItsPartner() {
        ChunkCoalescer chunks = new ChunkCoalescer(1);

        assertThat(chunks.add("x\uD83D", 0)).contains("x");
        assertThat(chunks.flushDue(1)).isEmpty();
        assertThat(chunks.add("\uDE00", 2)).contains("😀");
    }

    @Test
    void shouldFlushEverythingAtTheEndEvenALoneSurrogate() {
        ChunkCoalescer chunks = new ChunkCoalescer(5);
        chunks.add("ab\uD83D", 0);

        assertThat(chunks.flushAll()).contains("ab\uD83D");
        assertThat(chunks.flushAll()).isEmpty();
    }
}
