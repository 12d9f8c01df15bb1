package io.llmstream.http.jersey;

import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import org.glassfish.jersey.message.internal.CommittingOutputStream;

/**
 * Sends the headers of an SSE response at once. Jersey buffers a response entity to compute its length
 * and ignores {@code flush()} until that buffer is committed, which would hold events back.
 */
final class SseCommit implements WriterInterceptor {

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getEntity() instanceof JerseySseEventSink && context.getOutputStream() instanceof CommittingOutputStream out) {
            out.enableBuffering(0); // unbuffered: every flush reaches the client
            out.commit(); // headers now, with no Content-Length (chunked)
        }
        context.proceed();
    }
}
