package io.qiao.jushuitan.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.qiao.client.Json;
import io.qiao.client.Redactor;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * The JSON conventions of the Jushuitan open platform: snake_case keys, nulls left out of {@code biz}
 * (the vendor treats a present-but-null field differently from an absent one), and local date-times as
 * {@code yyyy-MM-dd HH:mm:ss} in Asia/Shanghai.
 */
public final class JstJson {
    private JstJson() {
    }

    public static Json create() {
        return create(Redactor.defaults());
    }

    /** With the client's redactor, which knows its secret and tokens, for the excerpts of decode errors. */
    public static Json create(Redactor redactor) {
        return new Json(newMapper(), redactor);
    }

    public static ObjectMapper newMapper() {
        return newMapper(Json.newMapper());
    }

    /** With the client's mapper, which holds the caller's modules and features, for the excerpts of decode errors. */
    public static Json create(ObjectMapper base, Redactor redactor) {
        return new Json(newMapper(base), redactor);
    }

    /** {@code mapper} (the client's own copy, changed here) taught Jushuitan's naming, nulls and date-times. */
    public static ObjectMapper newMapper(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        SimpleModule dates = new SimpleModule("jushuitan-dates");
        dates.addSerializer(LocalDateTime.class, new JsonSerializer<>() {
            @Override
            public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(Json.formatDateTime(value));
            }
        });
        dates.addDeserializer(LocalDateTime.class, new LenientDateTimeDeserializer());
        mapper.registerModule(dates);
        return mapper;
    }

    /**
     * Reads {@code yyyy-MM-dd HH:mm:ss}, and leniently also ISO {@code yyyy-MM-ddTHH:mm:ss[.fff]} and a bare
     * date (start of day); an empty string is null. The vendor documents one format, but integrations in the
     * wild show the others in some APIs' fields.
     */
    static final class LenientDateTimeDeserializer extends JsonDeserializer<LocalDateTime> {
        @Override
        public LocalDateTime deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDateTime) ctx.handleUnexpectedToken(LocalDateTime.class, p);
            }
            String text = p.getText().trim();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDateTime) ctx.handleWeirdStringValue(LocalDateTime.class, text,
                        "expected yyyy-MM-dd HH:mm:ss");
            }
        }
    }

    public static LocalDateTime parse(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay();
        }
        if (text.length() > 10 && text.charAt(10) == 'T') {
            return LocalDateTime.parse(text);
        }
        if (text.length() > 19) {
            return LocalDateTime.parse(text.substring(0, 10) + "T" + text.substring(11));
        }
        return Json.parseDateTime(text);
    }
}
