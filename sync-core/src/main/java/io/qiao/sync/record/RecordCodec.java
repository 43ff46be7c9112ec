package io.qiao.sync.record;

import io.qiao.sync.SyncException;
import io.qiao.sync.SyncJob;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.Json;
import java.util.Objects;

/**
 * Turns source records into the JSON kept in a dead letter, and back for a replay.
 *
 * @param <T> the record type
 */
public interface RecordCodec<T> {

    String toJson(T record);

    /** Reads a dead letter's payload back; only replays call it. */
    T fromJson(String json);

    /** Jackson with Qiao's conventions ({@link Json#newMapper()}), reading back into {@code type}. */
    static <T> RecordCodec<T> jackson(Class<T> type) {
        ObjectMapper mapper = Json.newMapper();
        return jackson(mapper, mapper.constructType(type));
    }

    static <T> RecordCodec<T> jackson(ObjectMapper mapper, JavaType type) {
        Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(type, "type");
        return new RecordCodec<>() {
            @Override
            public String toJson(T record) {
                try {
                    return mapper.writeValueAsString(record);
                } catch (JsonProcessingException e) {
                    throw new SyncException("cannot write " + record.getClass().getSimpleName() + " as JSON: "
                            + e.getOriginalMessage(), e);
                }
            }

            @Override
            public T fromJson(String json) {
                try {
                    return mapper.readValue(json, type);
                } catch (JsonProcessingException e) {
                    throw new SyncException("cannot read a dead letter's payload as " + type.getRawClass().getSimpleName()
                            + ": " + e.getOriginalMessage(), e);
                }
            }
        };
    }

    /**
     * Writes any record with Jackson but cannot read one back: the default when a job names no record type.
     * Replays then fail with a message that says to set {@code SyncJob.Builder#recordType}.
     */
    static <T> RecordCodec<T> writeOnly() {
        ObjectMapper mapper = Json.newMapper();
        return new RecordCodec<>() {
            @Override
            public String toJson(T record) {
                try {
                    return mapper.writeValueAsString(record);
                } catch (JsonProcessingException e) {
                    return String.valueOf(record);
                }
            }

            @Override
            public T fromJson(String json) {
                throw new IllegalStateException("this job cannot replay dead letters: it does not know the record "
                        + "type; set it with SyncJob.builder(...).recordType(...) or .recordCodec(...)");
            }
        };
    }
}
