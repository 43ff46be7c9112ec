package io.qiao.jackyun.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.qiao.client.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Jackyun's loose JSON: flags as {@code 0/1/"0"/"1"/true}, date-times as {@code yyyy-MM-dd HH:mm:ss}, ISO
 * text or epoch milliseconds, empty strings for absent values, list keys that vary by method.
 */
public final class JackyunJson {
    private JackyunJson() {
    }

    /** A copy of {@code base} that reads Jackyun's flags and date-times. */
    public static ObjectMapper mapper(ObjectMapper base) {
        SimpleModule module = new SimpleModule("qiao-jackyun");
        module.addDeserializer(Boolean.class, new FlagDeserializer(null));
        // a primitive flag that is absent, null or "" reads as false: null cannot reach a primitive parameter
        module.addDeserializer(boolean.class, new FlagDeserializer(Boolean.FALSE));
        module.addDeserializer(LocalDateTime.class, new DateTimeDeserializer());
        // bizcontent dates must read "yyyy-MM-dd HH:mm:ss"; the reader above accepts that form back
        module.addSerializer(LocalDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeString(Json.formatDateTime(value));
            }
        });
        return base.copy().registerModule(module);
    }

    /**
     * The record list of a page: {@code data} itself when it is an array, else {@code data[key]}, else the
     * first array-valued field (list keys of some methods are not documented), else nothing.
     */
    public static JsonNode list(JsonNode data, String key) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return null;
        }
        if (data.isArray()) {
            return data;
        }
        JsonNode named = data.get(key);
        if (named != null && named.isArray()) {
            return named;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            JsonNode v = it.next().getValue();
            if (v.isArray()) {
                return v;
            }
        }
        return null;
    }

    static final class FlagDeserializer extends JsonDeserializer<Boolean> {
        private final Boolean empty;

        FlagDeserializer(Boolean empty) {
            this.empty = empty;
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue() != 0;
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getText().trim();
                switch (s) {
                    case "" -> {
                        return empty;
                    }
                    case "1", "true", "TRUE", "True", "是" -> {
                        return Boolean.TRUE;
                    }
                    case "0", "false", "FALSE", "False", "否" -> {
                        return Boolean.FALSE;
                    }
                    default -> {
                        return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, s, "not a Jackyun flag (0/1)");
                    }
                }
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return empty;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return empty;
        }
    }

    static final class DateTimeDeserializer extends JsonDeserializer<LocalDateTime> {
        @Override
        public LocalDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(p.getLongValue()), Json.SHANGHAI);
            }
            if (t != JsonToken.VALUE_STRING) {
                return (LocalDateTime) ctxt.handleUnexpectedToken(LocalDateTime.class, p);
            }
            String s = p.getText().trim();
            if (s.isEmpty()) {
                return null;
            }
            try {
                if (s.length() == 10) {
                    return LocalDate.parse(s).atStartOfDay();
                }
                if (s.length() == 19 && s.charAt(10) == ' ') {
                    return JackyunDates.parseDateTime(s);
                }
                if (s.chars().allMatch(Character::isDigit)) {
                    return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(s)), Json.SHANGHAI);
                }
                return LocalDateTime.parse(s.replace(' ', 'T'));
            } catch (DateTimeParseException e) {
                return (LocalDateTime) ctxt.handleWeirdStringValue(LocalDateTime.class, s, e.getMessage());
            } catch (NumberFormatException e) {
                return (LocalDateTime) ctxt.handleWeirdStringValue(LocalDateTime.class, s,
                        "expected yyyy-MM-dd HH:mm:ss");
            }
        }
    }
}
