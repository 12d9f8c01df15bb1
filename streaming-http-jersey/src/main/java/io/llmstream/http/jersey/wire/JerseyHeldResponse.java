package io.llmstream.http.jersey.wire;

import io.llmstream.http.jersey.server.GrizzlyRequestProperty;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * A streamed response held open without a thread (SSE events or chunked audio): Jersey is resumed with a
 * {@link ChunkedOutput} that nothing is written through, so it sends the headers and keeps the response open;
 * the bytes go straight to Grizzly's response stream (no serialisation machinery per write), every flush reaches
 * the client, the connection is watched for the client's close ({@link PeerClose}), and closing the holder ends
 * the response. Outside Grizzly the bytes go through the holder instead, one chunk per write.
 */
public final class JerseyHeldResponse implements HeldResponse {

    /** The request property under which {@link GrizzlyRequestProperty} leaves the Grizzly request. */
    public static final String GRIZZLY_REQUEST = "io.llmstream.grizzly-request";
    /**
     * Grizzly's output buffer for held responses (its minimum): Grizzly copies every write that fits its buffer
     * into a fresh buffer of that size (8 KiB by default); larger writes (audio) go out from their own array.
     */
    static final int BUFFER_BYTES = 512;

    private static final System.Logger LOG = System.getLogger(JerseyHeldResponse.class.getName());

    private final AsyncResponse async;
    private final Request grizzly;
    private final String mediaType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ChunkedOutput<byte[]> holder;
    private PeerClose watch;

    JerseyHeldResponse(ContainerRequestContext request, AsyncResponse async, String mediaType) {
        this.async = async;
        this.grizzly = request.getProperty(GRIZZLY_REQUEST) instanceof Request r ? r : null;
        this.mediaType = mediaType;
    }

    /** Adds a header to the response, before it is opened. */
    JerseyHeldResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    @Override
    public OutputStream open(Runnable clientGone) throws IOException {
        if (grizzly != null && !grizzly.getResponse().isCommitted()) {
            grizzly.getResponse().setBufferSize(BUFFER_BYTES);
        }
        holder = new ChunkedOutput<>(byte[].class);
        // no Connection header here: SuspendedRequestsClose closes the connection of every answer to a suspended
        // request, this one included (its connection is also read by PeerClose for the client's close)
        Response.ResponseBuilder builder = Response.ok(holder, mediaType)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
        headers.forEach(builder::header);
        Response response = builder.build();
        if (!async.resume(response)) {
            throw new IOException("the response could not be started; the client is gone");
        }
        if (grizzly == null) {
            return new ThroughHolder(holder);
        }
        watch = PeerClose.watch(grizzly, clientGone);
        return grizzly.getResponse().getOutputStream();
    }

    @Override
    public void end() {
        if (watch != null) {
            watch.close();
        }
        try {
            if (holder != null) {
                holder.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "ending a held response failed; the client is gone", e);
        }
    }

    /** Outside Grizzly: each write becomes one chunk of the holder, which Jersey writes and flushes. */
    private static final class ThroughHolder extends OutputStream {
        private final ChunkedOutput<byte[]> holder;

        ThroughHolder(ChunkedOutput<byte[]> holder) {
            this.holder = holder;
        }

        @Override
        public void write(int b) throws IOException {
            holder.write(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            holder.write(Arrays.copyOfRange(bytes, offset, offset + length));
        }
    }
}
