package io.llmstream.http.jersey;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.jersey.message.internal.CommittingOutputStream;

/**
 * Starts a held response written as a {@code StreamingOutput} (the chunked audio body): sends its headers at once,
 * makes every flush reach the client, and watches the connection for the client's close while the response is
 * held. (SSE responses are held without an entity thread, see {@link SseStreams}.)
 *
 * <p>Jersey buffers a response entity to compute its length and ignores {@code flush()} until that buffer is
 * committed, which would hold events back: the interceptor commits at once, unbuffered, chunked.
 *
 * <p>It also shrinks Grizzly's output buffer for the stream: Grizzly copies every write that fits its
 * buffer into a freshly allocated one of that size (8 KiB by default) and hands it to the connection on
 * flush, so each event of ~150 bytes cost an 8 KiB allocation. With a small buffer, small events cost a
 * small one and larger events (audio) are written from their own array without a copy.
 *
 * <p>While the entity's {@code write} runs (the whole stream), {@link PeerClose} tells the entity when the
 * client closes the connection, so that the upstream is cancelled at once rather than at the next failed write.
 */
final class HeldResponseCommit implements WriterInterceptor {

    /** Grizzly's buffer for held responses (Grizzly's minimum); most chunk events and every heartbeat fit. */
    static final int SSE_BUFFER_BYTES = 512;

    @Inject
    private Provider<Request> grizzlyRequest;

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getEntity() instanceof HeldResponse held && context.getOutputStream() instanceof CommittingOutputStream out)) {
            context.proceed();
            return;
        }
        Request request = grizzlyRequest();
        shrinkGrizzlyBuffer(request);
        out.enableBuffering(0); // unbuffered: every flush reaches the client
        out.commit(); // headers now, with no Content-Length (chunked)
        try (PeerClose watch = PeerClose.watch(request, held)) {
            context.proceed(); // returns when the stream has ended
        }
    }

    private Request grizzlyRequest() {
        try {
            return grizzlyRequest == null ? null : grizzlyRequest.get();
        } catch (RuntimeException e) {
            return null; // not running in Grizzly, or outside a request scope: no buffer tuning, no close watch
        }
    }

    private static void shrinkGrizzlyBuffer(Request request) {
        if (request != null && !request.getResponse().isCommitted()) {
            request.getResponse().setBufferSize(SSE_BUFFER_BYTES);
        }
    }
}
