package io.llmstream.http.jersey;

/**
 * Thrown from a read of a request body that passes the configured limit; found in the cause chain by the error
 * mappers, which answer 413 (Jersey may wrap it before they see it).
 */
public final class BodyTooLargeException extends HttpAdapterException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
