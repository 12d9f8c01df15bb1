package io.llmstream.adapter.llm.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Passes a request's string parameters into a JSON body: values that are JSON literals ({@code 0.7},
 * {@code true}, {@code [1,2]}, {@code {"a":1}}) go in as such, anything else as a string.
 */
public final class JsonParameters {

    private JsonParameters() {
    }

    /** Puts every parameter into {@code target} in key order, except the keys in {@code reserved}. */
    public static void putAll(ObjectMapper mapper, ObjectNode target, Map<String, String> parameters,
            Set<String> reserved) {
        for (Map.Entry<String, String> entry : new TreeMap<>(parameters).entrySet()) {
            if (!reserved.contains(entry.getKey())) {
                target.set(entry.getKey(), valueOf(mapper, entry.getValue()));
            }
        }
    }

    /** The JSON value for one parameter string. */
    public static JsonNode valueOf(ObjectMapper mapper, String value) {
        String trimmed = value.strip();
        if (looksLikeJson(trimmed)) {
            try {
                return mapper.readTree(trimmed);
            } catch (JsonProcessingException notJson) {
                return mapper.getNodeFactory().textNode(value);
            }
        }
        return mapper.getNodeFactory().textNode(value);
    }

    private static boolean looksLikeJson(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '{' || first == '[' || first == '-' || Character.isDigit(first) || value.equals("true")
                || value.equals("false") || value.equals("null");
    }
}
