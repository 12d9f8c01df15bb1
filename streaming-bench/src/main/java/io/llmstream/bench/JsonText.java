package io.llmstream.bench;

import java.util.Optional;

/** Just enough JSON for the harness: finds a string field by name and unescapes it, or a number field. */
final class JsonText {

    private JsonText() {
    }

    /** The value of the first {@code "name":"..."} string field, unescaped. */
    static Optional<String> stringField(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        int i = at + key.length();
        while (i < json.length() && json.charAt(i) == ' ') {
            i++;
        }
        if (i >= json.length() || json.charAt(i) != '"') {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (i++; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return Optional.of(out.toString());
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return Optional.empty();
    }

    /** The digits of the last {@code "name":123} field (the service writes a WebSocket event's {@code id} last). */
    static Optional<String> numberField(String json, String name) {
        String key = "\"" + name + "\":";
        int at = json.lastIndexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        int from = at + key.length();
        int to = from;
        while (to < json.length() && Character.isDigit(json.charAt(to))) {
            to++;
        }
        return to == from ? Optional.empty() : Optional.of(json.substring(from, to));
    }
}
