package io.qiao.jackyun.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.qiao.jackyun.JackyunSubCodes;
import java.io.IOException;

/**
 * The top of a Jackyun envelope: {@code {"code":0,"msg":"","subCode":"","result":{"contextId":…,"data":…}}}.
 * Read with the streaming parser, skipping {@code result.data}, so that checking a page for errors costs a
 * scan, not a second tree.
 *
 * @param code      the envelope code as text ("0", "200"), or null when absent
 * @param msg       the vendor's message
 * @param subCode   the business code as text, or null
 * @param contextId the gateway's id of the call, a number or a string on the wire
 */
public record EnvelopeHead(String code, String msg, String subCode, String contextId) {

    /** Success is decided on the subCode first, then the code must be 0 or 200 (docs show 200, traffic 0). */
    public boolean isSuccess() {
        return !hasErrorSubCode() && ("0".equals(code) || "200".equals(code));
    }

    public boolean hasErrorSubCode() {
        return subCode != null && !JackyunSubCodes.SUCCESS.contains(subCode.trim());
    }

    /**
     * Parses the head of {@code body}; throws IOException when the body is not a complete JSON object or has
     * no {@code code} and no {@code subCode}.
     */
    public static EnvelopeHead read(JsonFactory factory, byte[] body) throws IOException {
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the body is not a JSON object");
            }
            String code = null;
            String msg = null;
            String subCode = null;
            String contextId = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "code" -> code = scalar(p, value);
                    case "msg" -> msg = scalar(p, value);
                    case "subCode" -> subCode = scalar(p, value);
                    case "result" -> contextId = readResult(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("the body is not one complete JSON object");
            }
            if (code == null && subCode == null) {
                throw new IOException("the body has neither code nor subCode");
            }
            return new EnvelopeHead(code, msg, subCode, contextId);
        }
    }

    private static String readResult(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String contextId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("contextId".equals(name)) {
                contextId = scalar(p, v);
            } else {
                p.skipChildren();
            }
        }
        return contextId;
    }

    static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isScalarValue()) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }
}
