package io.llmstream.adapter.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.adapter.llm.http.EventDecoder;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Checks that how a body is split into reads never changes what a decoder yields: the whole body at
 * once, byte by byte, every single split point, every fixed read size up to 64, and random splits.
 */
public final class SplitInvariant {

    private static final int RANDOM_SPLITS = 300;

    private SplitInvariant() {
    }

    /** Asserts the invariant and returns the outcome of decoding the body in one read. */
    public static DecodeOutcome assertHolds(Supplier<EventDecoder> decoders, byte[] body) {
        DecodeOutcome whole = DecodeOutcome.decode(decoders.get(), body);
        int n = body.length;
        int[] everyByte = new int[Math.max(0, n - 1)];
        Arrays.setAll(everyByte, i -> i + 1);
        assertThat(DecodeOutcome.decode(decoders.get(), body, everyByte)).as("byte by byte").isEqualTo(whole);
        for (int cut = 1; cut < n; cut++) {
            assertThat(DecodeOutcome.decode(decoders.get(), body, cut)).as("split at %d", cut).isEqualTo(whole);
        }
        for (int size = 2; size <= 64; size++) {
            int[] cuts = new int[(n - 1) / size];
            int step = size;
            Arrays.setAll(cuts, i -> (i + 1) * step);
            assertThat(DecodeOutcome.decode(decoders.get(), body, cuts)).as("reads of %d bytes", size).isEqualTo(whole);
        }
        Random random = new Random(42);
        for (int round = 0; round < RANDOM_SPLITS; round++) {
            int[] cuts = random.ints(random.nextInt(1, 40), 1, Math.max(2, n)).filter(c -> c < n).sorted().distinct()
                    .toArray();
            assertThat(DecodeOutcome.decode(decoders.get(), body, cuts)).as("random cuts %s", Arrays.toString(cuts))
                    .isEqualTo(whole);
        }
        return whole;
    }
}
