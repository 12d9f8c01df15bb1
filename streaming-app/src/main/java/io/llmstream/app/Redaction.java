package io.llmstream.app;

/**
 * The one place that hides credentials in text that may be logged or shown in an error: every URL that may
 * carry one (database, Redis, a provider's endpoint) is printed through {@link #url}; secret keys themselves are
 * never printed.
 */
final class Redaction {

    static final String MASK = "***";

    private Redaction() {
    }

    /** Hides the user info of {@code scheme://user:password@host} and a JDBC {@code password=} parameter. */
    static String url(String url) {
        return url.replaceAll("//[^@/]*@", "//" + MASK + "@").replaceAll("(?i)(password=)[^&;]*", "$1" + MASK);
    }
}
