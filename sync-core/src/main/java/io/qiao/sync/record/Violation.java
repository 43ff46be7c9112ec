package io.qiao.sync.record;

/**
 * One broken rule of one record: the field and what is wrong with its value, e.g.
 * {@code doc_date: '2024/13/01' is not a date yyyy-MM-dd}.
 */
public record Violation(String field, String message) {
    @Override
    public String toString() {
        return field == null || field.isEmpty() ? message : field + ": " + message;
    }
}
