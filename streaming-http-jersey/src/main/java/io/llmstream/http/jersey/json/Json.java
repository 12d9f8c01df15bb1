package io.llmstream.http.jersey.json;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.HttpAdapterException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The one JSON mapping of the API: snake_case bodies, unknown fields ignored, duplicate keys refused, errors that name
 * the field, and every text checked to be storable ({@link StorableText}).
 */
public final class Json {

    /**
     * Its buffers come from a pool shared by all threads, not Jackson's default per-thread pool: each stream runs on
     * a virtual thread of its own, which would otherwise keep a set of generator buffers alive per running stream.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 4.5 is not a top_k; and {"role":"a","role":"b"} says two things at once
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** Parses a request body; a malformed body or a field of the wrong type is an {@link ApiException} 400. */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw ApiException.badRequest("the request body is required: send a JSON object");
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the request body must be a JSON object, was null");
            }
            StorableText.check(value);
            return value;
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            throw ApiException.badRequest(field + " has the wrong type: " + expected(e));
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ApiException.badRequest(field.isEmpty() ? "the request body is not valid" : field + " is not valid");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new HttpAdapterException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "unexpected value";
        }
        if (target == String.class) {
            return "expected a string";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return "expected an integer";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "expected true or false";
        }
        if (java.util.Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "expected an object";
        }
        if (java.util.List.class.isAssignableFrom(target)) {
            return "expected an array";
        }
        return "expected " + target.getSimpleName();
    }
}
