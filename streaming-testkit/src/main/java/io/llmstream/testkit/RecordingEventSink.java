package io.llmstream.testkit;

import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.port.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EventSink} that records what it receives, with the time of each event, and can play a
 * client that leaves: after a given number of events ({@link #leavingAfter}) or when told
 * ({@link #leave()}, from any thread). It takes {@link #offer offered} events like sent ones (it never blocks),
 * up to a limit that {@link #takingOffers} sets, and counts them.
 */
public final class RecordingEventSink implements EventSink {

    /** An event and when it arrived ({@link System#nanoTime()}). */
    public record Received(StreamEvent event, long atNanos) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeCallbacks = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final int leaveAfter;
    private volatile boolean open = true;
    private volatile int attemptsAfterLeaving;
    private volatile int offersLeft = Integer.MAX_VALUE;
    private volatile int offersTaken;

    private RecordingEventSink(int leaveAfter) {
        this.leaveAfter = leaveAfter;
    }

    /** A client that stays to the end. */
    public static RecordingEventSink stayingToTheEnd() {
        return new RecordingEventSink(Integer.MAX_VALUE);
    }

    /** A client that leaves once it has received {@code events} events (the next send fails). */
    public static RecordingEventSink leavingAfter(int events) {
        return new RecordingEventSink(events);
    }

    @Override
    public boolean send(StreamEvent event) {
        if (!open) {
            attemptsAfterLeaving++;
            return false;
        }
        if (received.size() >= leaveAfter) {
            leave();
            attemptsAfterLeaving++;
            return false;
        }
        received.add(new Received(event, System.nanoTime()));
        if (event instanceof StreamEvent.Done || event instanceof StreamEvent.Error) {
            finished.countDown();
        }
        return true;
    }

    /** Takes the event as {@link #send} would, while it may take offers and the client is there. */
    @Override
    public boolean offer(StreamEvent event) {
        if (!open || offersLeft <= 0 || received.size() >= leaveAfter) {
            return false;
        }
        offersLeft--;
        offersTaken++;
        return send(event);
    }

    /** Takes at most {@code max} offers from now on, then refuses them (as a connection that would block). */
    public RecordingEventSink takingOffers(int max) {
        offersLeft = max;
        return this;
    }

    /** How many events came through {@link #offer} rather than {@link #send}. */
    public int offersTaken() {
        return offersTaken;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void onClose(Runnable callback) {
        closeCallbacks.add(callback);
        if (!open) {
            callback.run();
        }
    }

    /** The client leaves now: the sink fails from here on and the close callbacks run on this thread. */
    public void leave() {
        if (!open) {
            return;
        }
        open = false;
        for (Runnable callback : closeCallbacks) {
            callback.run();
        }
        finished.countDown();
    }

    public List<StreamEvent> events() {
        return received.stream().map(Received::event).toList();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The text of the chunk events, concatenated. */
    public String chunkText() {
        StringBuilder text = new StringBuilder();
        for (StreamEvent event : events()) {
            if (event instanceof StreamEvent.Chunk chunk) {
                text.append(chunk.content());
            }
        }
        return text.toString();
    }

    /** How many sends came after the client left (the core should stop sending at once). */
    public int sendsAfterLeaving() {
        return attemptsAfterLeaving;
    }

    /** Waits for the final event or the client leaving; true when it came within the timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
