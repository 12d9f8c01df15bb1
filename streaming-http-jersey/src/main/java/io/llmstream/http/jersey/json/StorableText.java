package io.llmstream.http.jersey.json;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.HttpAdapterException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses with 400, before anything is accepted, request text the database would refuse or alter: a field longer
 * than its {@link StoredColumn}, U+0000 (PostgreSQL's text types cannot hold it) and unpaired surrogates (no UTF-8
 * encoding exists, so the driver would write '?'). User text is never altered silently.
 */
public final class StorableText {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private StorableText() {
    }

    /** Checks every text of a parsed request body: record components, nested records, maps and lists. */
    static void check(Object body) {
        check(body, "");
    }

    /** One text that is stored as it is. */
    public static String check(String value, String field) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw ApiException.badRequest(field + " contains the character U+0000, which cannot be stored");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw ApiException.badRequest(field + " contains an unpaired surrogate (U+"
                            + Integer.toHexString(c).toUpperCase(Locale.ROOT) + "), which is not text and cannot be stored");
                }
                i++;
            }
        }
        return value;
    }

    private static void check(Object value, String path) {
        switch (value) {
            case null -> { }
            case String text -> check(text, path);
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    String name = SNAKE_CASE.translate(component.getName());
                    String field = path.isEmpty() ? name : path + "." + name;
                    Object child = read(component, record);
                    if (child instanceof String text) {
                        limit(component, name, field, text);
                    }
                    check(child, field);
                }
            }
            case Map<?, ?> map -> map.forEach((key, child) -> {
                check(String.valueOf(key), path + " key");
                check(child, path + "." + key);
            });
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), path + "[" + i + "]");
                }
            }
            default -> { }
        }
    }

    private static void limit(RecordComponent component, String name, String field, String text) {
        Stored stored = component.getAnnotation(Stored.class);
        (stored != null ? java.util.Optional.of(stored.value()) : StoredColumn.strictestFor(name)).ifPresent(column -> {
            if (text.length() > column.maxLength()) {
                throw ApiException.badRequest(field + " must be at most " + column.maxLength() + " characters, was "
                        + text.length());
            }
        });
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new HttpAdapterException("cannot read " + component.getName() + " of a request body", e);
        }
    }
}
