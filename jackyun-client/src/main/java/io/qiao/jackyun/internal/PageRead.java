package io.qiao.jackyun.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What a list call wants from its page, handed to the {@link EnvelopeInterceptor} so that it checks the
 * envelope and binds the records in the same pass; the records of the last attempt are kept here for the
 * caller.
 */
final class PageRead<T> {
    private final ObjectMapper mapper;
    private final String listKey;
    private final Class<T> type;
    private final List<String> dataScalars;
    private final String rowScalar;
    private StreamingPage.Result<T> result;

    PageRead(ObjectMapper mapper, String listKey, Class<T> type, List<String> dataScalars, String rowScalar) {
        this.mapper = mapper;
        this.listKey = listKey;
        this.type = type;
        this.dataScalars = dataScalars;
        this.rowScalar = rowScalar;
    }

    /** Reads {@code body}; keeps its records and returns its head. */
    EnvelopeHead read(byte[] body) throws IOException {
        StreamingPage.Envelope<T> envelope = StreamingPage.readEnvelope(mapper, body, listKey, type, dataScalars,
                rowScalar);
        result = envelope.page();
        return envelope.head();
    }

    Class<T> type() {
        return type;
    }

    StreamingPage.Result<T> result() {
        if (result == null) {
            throw new IllegalStateException("the page of " + type.getSimpleName() + " was not read");
        }
        return result;
    }
}
