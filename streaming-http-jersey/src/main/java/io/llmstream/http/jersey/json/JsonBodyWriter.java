package io.llmstream.http.jersey.json;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/** Writes the API's response records (and lists or maps of them) as JSON with {@link Json#MAPPER}. */
@Produces(MediaType.APPLICATION_JSON)
public final class JsonBodyWriter implements MessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return (type.isRecord() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))
                && (mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE) || mediaType.isWildcardType());
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException, WebApplicationException {
        out.write(Json.write(value));
    }
}
