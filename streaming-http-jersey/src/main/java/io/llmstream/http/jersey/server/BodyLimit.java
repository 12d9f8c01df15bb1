package io.llmstream.http.jersey.server;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.BodyTooLargeException;
import io.llmstream.http.jersey.HttpSettings;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Refuses a body that did not arrive in time ({@link BodyFirst}) with 408, and request bodies over the configured
 * size with 413: at once when {@code Content-Length} says so,
 * otherwise when reading passes the limit. Uploads to the knowledge base get their own, larger limit.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
final class BodyLimit implements ContainerRequestFilter {

    private final HttpSettings settings;
    private final String uploadPath;

    BodyLimit(HttpSettings settings) {
        this.settings = settings;
        this.uploadPath = (settings.basePath() + "/v1/artifacts").substring(1);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(BodyFirst.TIMED_OUT) instanceof java.time.Duration timeout) {
            throw new ApiException(408, "the request body did not arrive within " + timeout.toSeconds() + " s",
                    Map.of("Connection", "close"));
        }
        if (request.getProperty(BodyFirst.FAILED) != null) {
            throw new ApiException(400, "the request body could not be read", Map.of("Connection", "close"));
        }
        long limit = request.getUriInfo().getPath().startsWith(uploadPath) ? settings.maxUploadBytes() : settings.maxBodyBytes();
        if (request.getLength() > limit) {
            throw ApiException.tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
