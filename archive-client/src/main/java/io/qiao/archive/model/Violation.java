package io.qiao.archive.model;

import java.util.Objects;

/**
 * One problem with one field, e.g. {@code docDate: '2024-02-30' is not a real date}.
 *
 * @param field   the field as the archive system names it ({@code docDate}, {@code archiveNo}, {@code files[1]})
 * @param value   the offending value as text, or null when it was missing
 * @param message what is wrong and, where it helps, what is expected
 */
public record Violation(String field, String value, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return value == null ? field + ": " + message : field + ": '" + value + "' " + message;
    }
}
