package io.llmstream.http.jersey;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.jersey.message.internal.CommittingOutputStream;

/**
 * Sends the headers of an SSE response at once. Jersey buffers a response entity to compute its length
 * and ignores {@code flush()} until that buffer is committed, which would hold events back.
 *
 * <p>It also shrinks Grizzly's output buffer for the stream: Grizzly copies every write that fits its
 * buffer into a freshly allocated one of that size (8 KiB by default) and hands it to the connection on
 * flush, so each event of ~150 bytes cost an 8 KiB allocation. With a small buffer, small events cost a
 * small one and larger events are written from their own array without a copy.
 */
final class SseCommit implements WriterInterceptor {

    /** Grizzly's buffer for SSE responses; most chunk events and every heartbeat fit. */
    static final int SSE_BUFFER_BYTES = 512;

    @Inject
    private Provider<Request> grizzlyRequest;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getEntity() instanceof JerseySseEventSink && context.getOutputStream() instanceof CommittingOutputStream out) {
            shrinkGrizzlyBuffer();
            out.enableBuffering(0); // unbuffered: every flush reaches the client
            out.commit(); // headers now, with no Content-Length (chunked)
        }
        context.proceed();
    }

    private void shrinkGrizzlyBuffer() {
        try {
            Request request = grizzlyRequest == null ? null : grizzlyRequest.get();
            if (request != null && !request.getResponse().isCommitted()) {
                request.getResponse().setBufferSize(SSE_BUFFER_BYTES);
            }
        } catch (RuntimeException e) {
            // not running in Grizzly, or outside a request scope: the default buffer works, only slower
        }
    }
}
