package io.qiao.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The JSON conventions every Qiao client shares, and decoding that turns any Jackson failure into a
 * {@link DecodeException} with a redacted excerpt of the body.
 */
public final class Json {
    /** The zone of every Chinese vendor's local date-times, whatever the host's own zone is. */
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** {@code yyyy-MM-dd HH:mm:ss}, the vendors' usual date-time format. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ObjectMapper mapper;
    private final Redactor redactor;

    public Json(ObjectMapper mapper, Redactor redactor) {
        this.mapper = mapper;
        this.redactor = redactor;
    }

    /** A shared-nothing instance with {@link #newMapper()} and the default redactor. */
    public static Json create() {
        return new Json(newMapper(), Redactor.defaults());
    }

    /**
     * A new mapper: java.time support (ISO strings, not timestamps), unknown properties ignored (vendors add
     * fields), BigDecimal for decimals (money must not pass through double).
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /**
     * A copy of the caller's {@code base} mapper (its modules and features) with what Qiao's models need on top:
     * the settings of {@link #newMapper()}, java.time support registered unless the caller already did. The
     * caller's mapper is not changed. {@link #newMapper()} when {@code base} is null.
     */
    public static ObjectMapper newMapper(ObjectMapper base) {
        if (base == null) {
            return newMapper();
        }
        ObjectMapper copy = base.copy();
        JavaTimeModule javaTime = new JavaTimeModule();
        if (!copy.getRegisteredModuleIds().contains(javaTime.getTypeId())) {
            copy.registerModule(javaTime);
        }
        return copy
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a vendor {@code yyyy-MM-dd HH:mm:ss} string. */
    public static LocalDateTime parseDateTime(String text) {
        return LocalDateTime.parse(text, DATE_TIME);
    }

    public static String formatDateTime(LocalDateTime dateTime) {
        return DATE_TIME.format(dateTime);
    }

    /** About 100 years: longer than any lifetime a vendor gives, short enough never to overflow an Instant. */
    private static final long MAX_LIFETIME_SECONDS = 100L * 366 * 24 * 3600;

    /**
     * A token lifetime the vendor sent in seconds ({@code expires_in} and its cousins). A negative or implausible
     * value (a broken answer, or a huge number that would overflow the expiry instant) is a
     * {@link DecodeException} naming the field, never an arithmetic error.
     */
    public static Duration lifetime(String operation, String field, long seconds) {
        if (seconds < 0 || seconds > MAX_LIFETIME_SECONDS) {
            throw new DecodeException(operation, field + " " + seconds + " is not a plausible lifetime in seconds", "",
                    null);
        }
        return Duration.ofSeconds(seconds);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new QiaoException("cannot serialise " + value.getClass().getSimpleName() + " to JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public JsonNode tree(String operation, byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new DecodeException(operation, "empty body", "", null);
            }
            return node;
        } catch (IOException e) {
            throw decodeFailure(operation, body, e);
        }
    }

    public <T> T read(String operation, byte[] body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw decodeFailure(operation, body, e);
        }
    }

    public <T> T convert(String operation, JsonNode node, Class<T> type) {
        return convert(operation, node, mapper.constructType(type));
    }

    public <T> T convert(String operation, JsonNode node, TypeReference<T> type) {
        return convert(operation, node, mapper.constructType(type));
    }

    private <T> T convert(String operation, JsonNode node, JavaType type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            String problem = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
            throw new DecodeException(operation, "cannot read " + type.getRawClass().getSimpleName() + ": "
                    + redactor.text(problem),
                    redactor.excerpt(node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), 300),
                    safeCause(e));
        }
    }

    private DecodeException decodeFailure(String operation, byte[] body, IOException e) {
        String problem = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
        return new DecodeException(operation, redactor.text(problem), redactor.excerpt(body, 300), safeCause(e));
    }

    /** Jackson quotes the body in its messages ("Unrecognized token 'abc...'"): see {@link Redactor#cause}. */
    private Throwable safeCause(Exception e) {
        return redactor.cause(e);
    }
}
