package io.qiao.jackyun.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.qiao.client.DecodeException;
import io.qiao.client.Redactor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the records of a page straight from the response bytes to their type, without building a tree of
 * the whole page first: a page of 200 records and its envelope are read in one pass. Handles {@code result.data} as an object
 * with the list under {@code listKey} (or, failing that, under its first array field), as the list itself,
 * or as a JSON-encoded string of either.
 */
public final class StreamingPage {

    /**
     * @param items   the records
     * @param scalars the requested scalar fields of {@code data} (e.g. {@code scrollId}), as text
     */
    public record Result<T>(List<T> items, Map<String, String> scalars) {
    }

    private StreamingPage() {
    }

    /** One pass over a whole envelope: its head and the page's records. */
    public record Envelope<T>(EnvelopeHead head, Result<T> page) {
    }

    /**
     * @param rowScalar when not null, also reads this field of each row (the last non-empty one wins into
     *                  {@code scalars}); rows then go through a tree, which costs a little more
     */
    public static <T> Result<T> read(String operation, ObjectMapper mapper, Redactor redactor, byte[] body,
                                     String listKey, Class<T> type, List<String> dataScalars, String rowScalar) {
        try {
            return readEnvelope(mapper, body, listKey, type, dataScalars, rowScalar).page();
        } catch (IOException e) {
            throw decodeFailure(operation, redactor, body, type, e);
        }
    }

    /**
     * Reads the envelope's head ({@code code}, {@code msg}, {@code subCode}, {@code result.contextId}) and the
     * records of {@code result.data} in one streaming pass, so that a page is tokenised once, not once for the
     * error check and once more for the records.
     *
     * @throws IOException when the body is not one complete JSON object or a record does not bind
     *                     ({@link com.fasterxml.jackson.databind.DatabindException})
     */
    public static <T> Envelope<T> readEnvelope(ObjectMapper mapper, byte[] body, String listKey, Class<T> type,
                                               List<String> dataScalars, String rowScalar) throws IOException {
        ObjectReader reader = mapper.readerFor(type);
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the body is not a JSON object");
            }
            String code = null;
            String msg = null;
            String subCode = null;
            String contextId = null;
            Map<String, String> scalars = new HashMap<>();
            List<T> items = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "code" -> code = EnvelopeHead.scalar(p, t);
                    case "msg" -> msg = EnvelopeHead.scalar(p, t);
                    case "subCode" -> subCode = EnvelopeHead.scalar(p, t);
                    case "result" -> {
                        if (t != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            break;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            JsonToken v = p.nextToken();
                            if ("data".equals(inner)) {
                                items = data(mapper, reader, p, v, listKey, dataScalars, rowScalar, scalars);
                            } else if ("contextId".equals(inner)) {
                                contextId = EnvelopeHead.scalar(p, v);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("the body is not one complete JSON object");
            }
            return new Envelope<>(new EnvelopeHead(code, msg, subCode, contextId),
                    new Result<>(items == null ? List.of() : items, scalars));
        }
    }

    /** The error for a page whose envelope is fine but whose records cannot be read. */
    public static DecodeException decodeFailure(String operation, Redactor redactor, byte[] body, Class<?> type,
                                                IOException e) {
        String problem = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
        return new DecodeException(operation, "cannot read " + type.getSimpleName() + ": " + redactor.text(problem),
                redactor.excerpt(body, 300), redactor.cause(e));
    }

    private static <T> List<T> data(ObjectMapper mapper, ObjectReader reader, JsonParser p, JsonToken t,
                                    String listKey, List<String> dataScalars, String rowScalar,
                                    Map<String, String> scalars) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getText().trim();
            if (text.isEmpty()) {
                return List.of();
            }
            try (JsonParser inner = mapper.getFactory().createParser(text)) {
                return data(mapper, reader, inner, inner.nextToken(), listKey, dataScalars, rowScalar, scalars);
            }
        }
        if (t == JsonToken.START_ARRAY) {
            return rows(reader, p, rowScalar, scalars);
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return List.of();
        }
        List<T> named = null;
        List<T> firstArray = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY && (name.equals(listKey) || (named == null && firstArray == null))) {
                List<T> rows = rows(reader, p, rowScalar, scalars);
                if (name.equals(listKey)) {
                    named = rows;
                } else {
                    firstArray = rows;
                }
            } else if (v.isScalarValue() && dataScalars.contains(name)) {
                scalars.put(name, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return named != null ? named : firstArray != null ? firstArray : List.of();
    }

    private static <T> List<T> rows(ObjectReader reader, JsonParser p, String rowScalar, Map<String, String> scalars)
            throws IOException {
        List<T> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (rowScalar == null) {
                out.add(reader.readValue(p));
                continue;
            }
            JsonNode row = reader.readTree(p);
            JsonNode v = row.get(rowScalar);
            if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
                scalars.put("row." + rowScalar, v.asText());
            }
            out.add(reader.<T>readValue(row));
        }
        return out;
    }
}
