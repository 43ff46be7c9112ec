package io.qiao.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient reading of answers whose exact shape VENDORS.md 4.1 does not pin down: a field may sit at the top level
 * or inside a {@code data} envelope.
 */
public final class ResponseReader {
    private ResponseReader() {
    }

    /** The node that holds {@code field}: the root, or its {@code data} object when the field is there instead. */
    public static JsonNode unwrap(JsonNode root, String field) {
        if (root.has(field)) {
            return root;
        }
        JsonNode data = root.get("data");
        if (data != null && data.isObject()) {
            return data;
        }
        return root;
    }

    public static String text(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull() && v.isValueNode()) {
                return v.asText();
            }
        }
        return null;
    }
}
