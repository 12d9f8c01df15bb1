package io.llmstream.adapter.llm.offline;

import io.llmstream.core.model.LlmEvent;
import io.llmstream.core.port.LlmException;
import io.llmstream.core.port.LlmStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Streams a fixed text in deltas of a few words; closing it wakes a waiting {@link #next()}. */
final class OfflineCompletion implements LlmStream.Completion {

    private static final int WORDS_PER_DELTA = 2;

    private final List<String> deltas;
    private final Duration delay;
    private final CountDownLatch closed = new CountDownLatch(1);
    private int position;
    private boolean finished;

    OfflineCompletion(String text, Duration delay) {
        this.deltas = split(text);
        this.delay = delay;
    }

    @Override
    public String provider() {
        return OfflineLlmStream.NAME;
    }

    @Override
    public String model() {
        return OfflineLlmStream.MODEL;
    }

    @Override
    public LlmEvent next() {
        if (finished) {
            throw new IllegalStateException("the completion already finished");
        }
        waitOrCancel();
        if (position < deltas.size()) {
            return new LlmEvent.TextDelta(deltas.get(position++));
        }
        finished = true;
        return new LlmEvent.Finished("stop", Optional.empty());
    }

    @Override
    public void close() {
        closed.countDown();
    }

    private void waitOrCancel() {
        try {
            if (closed.getCount() == 0 || !delay.isZero() && closed.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LlmException(LlmException.Code.CANCELLED, "the offline completion was closed by the caller");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Code.CANCELLED, "the thread reading the offline completion was interrupted",
                    e);
        }
    }

    /** Pieces of a few words each, whitespace kept with the word before it, so they concatenate to the text. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int words = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            words++;
            if (words == WORDS_PER_DELTA || i == text.length()) {
                pieces.add(text.substring(start, i));
                start = i;
                words = 0;
            }
        }
        return pieces;
    }
}
