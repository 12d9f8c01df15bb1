package io.llmstream.http.jersey;


/**
 * The request could not be authenticated; answered 401 with the {@link #challenge()} as
 * {@code WWW-Authenticate} and this message in the JSON body, so the message must not contain the token or
 * any secret.
 */
public class AuthenticationException extends HttpAdapterException {

    private final String challenge;

    /** No credentials, or none this server understands: {@code WWW-Authenticate: Bearer}. */
    public AuthenticationException(String message) {
        this(message, "Bearer", null);
    }

    public AuthenticationException(String message, Throwable cause) {
        this(message, "Bearer", cause);
    }

    private AuthenticationException(String message, String challenge, Throwable cause) {
        super(message, cause);
        this.challenge = challenge;
    }

    /**
     * A bearer token was sent but is not acceptable (malformed, expired, wrongly signed, wrong issuer, ...):
     * {@code WWW-Authenticate: Bearer error="invalid_token", error_description="<message>"} (RFC 6750).
     */
    public static AuthenticationException invalidToken(String message, Throwable cause) {
        return new AuthenticationException(message, challenge("invalid_token", message), cause);
    }

    /** The {@code Authorization} header is malformed: {@code error="invalid_request"} (RFC 6750). */
    public static AuthenticationException invalidRequest(String message) {
        return new AuthenticationException(message, challenge("invalid_request", message), null);
    }

    /** The value of the {@code WWW-Authenticate} header of the 401 answer. */
    public String challenge() {
        return challenge;
    }

    private static String challenge(String error, String description) {
        // a quoted-string may not hold '"' or '\'; the descriptions are the server's own words anyway
        String safe = description.replace('"', '\'').replace('\\', '/');
        return "Bearer error=\"" + error + "\", error_description=\"" + safe + "\"";
    }
}
