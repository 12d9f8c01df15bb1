package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.core.port.StreamAdmission;
import io.llmstream.core.port.StreamAdmission.Admission;
import io.llmstream.core.port.StreamLogException;
import io.llmstream.core.port.in.StreamOutcome;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Caps the streams open at once, per owner and in all, as counted by the {@link StreamAdmission} (this process, or
 * every node sharing it). A slot is taken before the stream's response starts and given back when the stream has
 * ended, however it ended; over a cap the request is refused with 429 before a single SSE byte is written.
 */
public final class StreamSlots {

    private static final System.Logger LOG = System.getLogger(StreamSlots.class.getName());

    private final StreamAdmission admission;
    private final int perOwner;
    private final int total;

    public StreamSlots(StreamAdmission admission, int perOwner, int total) {
        this.admission = admission;
        this.perOwner = perOwner;
        this.total = total;
    }

    /**
     * @return the slot; closing it (once or more) gives it back
     * @throws ApiException 429 when the owner or the server is at its cap, 503 when the shared count is unreachable
     */
    StreamAdmission.Place acquire(String owner) {
        Admission admission;
        try {
            admission = this.admission.admit(owner, perOwner, total);
        } catch (StreamLogException e) {
            throw ApiException.unavailable("the stream could not be started; try again later");
        }
        return switch (admission) {
            case Admission.Admitted admitted -> admitted.place();
            case Admission.OwnerAtCap cap -> throw new ApiException(429, "too many concurrent streams: at most " + cap.max()
                    + " per user; wait for one of yours to end");
            case Admission.AllAtCap cap -> throw new ApiException(429, "too many concurrent streams on this server: at most "
                    + cap.max() + "; try again later");
        };
    }

    /**
     * Starts a stream in a slot taken by {@link #acquire}: runs {@code starter} (a failure is logged and answered as
     * null), then gives the slot back at once when no stream started, else when the started stream's answer has ended.
     *
     * @return what {@code starter} answered, or null when it failed
     */
    static StreamOutcome startIn(StreamAdmission.Place slot, Supplier<StreamOutcome> starter) {
        StreamOutcome outcome;
        try {
            outcome = starter.get();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "starting a stream failed unexpectedly", e);
            outcome = null;
        }
        if (outcome instanceof StreamOutcome.Started started) {
            started.answer().whenComplete((answer, failure) -> slot.close());
        } else {
            slot.close();
        }
        return outcome;
    }
}
