package io.llmstream.http.jersey;

/**
 * The request could not be authenticated; answered 401 with {@code WWW-Authenticate: Bearer} and this
 * message in the JSON body, so the message must not contain the token or any secret.
 */
public class AuthenticationException extends HttpAdapterException {

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
