package io.llmstream.adapter.llm.http;

import io.llmstream.core.port.LlmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Removes secrets (the configured key and header values, and anything shaped like a bearer key) from text. */
final class Redactor {

    private static final Pattern KEY_SHAPED = Pattern.compile("(sk-|sk_|Bearer\\s+)[A-Za-z0-9._\\-]{6,}");
    private final List<String> secrets;

    Redactor(List<String> secrets) {
        List<String> usable = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                usable.add(secret);
            }
        }
        this.secrets = List.copyOf(usable);
    }

    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        return KEY_SHAPED.matcher(result).replaceAll("$1***");
    }

    LlmException redact(LlmException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String clean = redact(message);
        return clean.equals(message) ? e : new LlmException(e.code(), clean, e.getCause());
    }
}
