package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.ConnectionLimits;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;

/**
 * Hands a request to Jersey only once its body has arrived, so that no thread waits for a slow or stalled client:
 * until then Grizzly collects the body without a worker. A body that has not arrived within the
 * {@linkplain ConnectionLimits#bodyTimeout() body timeout} is handed over marked {@link #TIMED_OUT}, and
 * {@link BodyLimit} answers 408 without reading it.
 */
final class BodyFirst implements RequestExecutorProvider {

    /** Request attribute (a Jersey property too): the body did not arrive in time; the value is the timeout. */
    static final String TIMED_OUT = "io.llmstream.body-timed-out";
    /** Request attribute: the connection failed while the body was arriving. */
    static final String FAILED = "io.llmstream.body-failed";

    private static final System.Logger LOG = System.getLogger(BodyFirst.class.getName());

    private final ConnectionLimits limits;
    /** Times the bodies of this server's requests; stopped with the server ({@link #close}). */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("http-body-deadline").factory());

    BodyFirst(ConnectionLimits limits) {
        this.limits = limits;
    }

    @Override
    public Executor getExecutor(Request request) {
        if (!waitsForBody(request)) {
            return null; // on the current worker, as Grizzly would
        }
        return task -> new Arrival(request, task).await();
    }

    /** The server is shut down: a body still on its way is not timed any more. */
    void close() {
        deadlines.shutdownNow();
    }

    private boolean waitsForBody(Request request) {
        HttpRequestPacket packet = request.getRequest();
        return packet.isExpectContent() && packet.getContentLength() <= limits.maxBodyBytes()
                && !ExchangeHandler.isTunnel(request) && !request.getInputBuffer().isFinished();
    }

    /** One request whose body is on its way; dispatched exactly once, by whichever comes first. */
    private final class Arrival implements ReadHandler {
        private final Request request;
        private final Runnable task;
        private final AtomicBoolean dispatched = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        Arrival(Request request, Runnable task) {
            this.request = request;
            this.task = task;
        }

        void await() {
            Duration timeout = limits.bodyTimeout();
            deadline = deadlines.schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            // asking for more than the largest accepted body: called back when it is complete, or too large
            request.getNIOInputStream().notifyAvailable(this, (int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes() + 1));
        }

        @Override
        public void onDataAvailable() {
            dispatch(null, null);
        }

        @Override
        public void onAllDataRead() {
            dispatch(null, null);
        }

        @Override
        public void onError(Throwable t) {
            dispatch(FAILED, Boolean.TRUE);
        }

        private void timedOut() {
            if (!dispatched.get()) {
                LOG.log(Level.INFO, "client {0}: the request body of {1} {2} did not arrive within {3} s ({4} of {5} bytes); "
                        + "answering 408", request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                        limits.bodyTimeout().toSeconds(), request.getInputBuffer().readyData(), request.getContentLengthLong());
            }
            dispatch(TIMED_OUT, limits.bodyTimeout());
        }

        private void dispatch(String mark, Object value) {
            if (!dispatched.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
            if (mark == null) {
                task.run(); // on the thread that delivered the last bytes, a worker
                return;
            }
            request.setAttribute(mark, value);
            // the rest of the body may still come: Grizzly would wait for it before honouring "Connection: close"
            request.addAfterServiceListener(done -> done.getContext().getConnection().closeSilently());
            Thread.ofVirtual().name("http-body-refusal").start(task);
        }
    }
}
