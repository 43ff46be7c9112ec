package io.qiao.jackyun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.client.Json;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JackyunDatesTest {

    @Test
    void parseDateTime_whenValid_readsEveryField() {
        assertThat(JackyunDates.parseDateTime("2024-05-01 12:34:56"))
                .isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 34, 56));
        assertThat(JackyunDates.parseDateTime("2024-02-29 00:00:00"))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0, 0));
        assertThat(JackyunDates.parseDateTime("1999-12-31 23:59:59"))
                .isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01 00:00:00", "2023-06-30 08:15:07", "2000-02-29 23:59:59", "0001-01-01 00:00:00"})
    void parseDateTime_givesTheSameAsTheFormatter(String text) {
        assertThat(JackyunDates.parseDateTime(text)).isEqualTo(Json.parseDateTime(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-0a-01 00:00:00", "2024-05-01 1x:00:00", "２０２４-05-01 00:00:00", "+024-05-01 00:00:00",
            "2024-05-01 00:00:-1"})
    void parseDateTime_whenNotDigits_namesThePosition(String text) {
        assertThatThrownBy(() -> JackyunDates.parseDateTime(text))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining(text)
                .hasMessageContaining("expected a digit at position");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-01 00:00:00|month 13", "2024-00-01 00:00:00|month 0", "2024-05-32 00:00:00|day 32",
            "2024-05-00 00:00:00|day 0", "2024-05-01 24:00:00|hour 24", "2024-05-01 00:60:00|minute 60",
            "2024-05-01 00:00:60|second 60"})
    void parseDateTime_whenOutOfRange_namesTheField(String caseText) {
        String[] parts = caseText.split("\\|");
        assertThatThrownBy(() -> JackyunDates.parseDateTime(parts[0]))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining(parts[1] + " is outside");
    }

    @Test
    void parseDateTime_whenDayDoesNotExistInMonth_rejectsInsteadOfMovingIt() {
        assertThatThrownBy(() -> JackyunDates.parseDateTime("2023-02-29 00:00:00"))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("2023-02-29 00:00:00");
        assertThatThrownBy(() -> JackyunDates.parseDateTime("2024-04-31 00:00:00"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024-05-01", "2024-05-01 00:00", "2024-05-01 00:00:000", "2024-5-01 00:00:00"})
    void parseDateTime_whenWrongLength_rejects(String text) {
        assertThatThrownBy(() -> JackyunDates.parseDateTime(text))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("19 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024/05/01 00:00:00", "2024-05-01T00:00:00", "2024-05-01 00.00:00"})
    void parseDateTime_whenWrongSeparator_rejects(String text) {
        assertThatThrownBy(() -> JackyunDates.parseDateTime(text))
                .isInstanceOf(DateTimeParseException.class)
                .hasMessageContaining("expected '");
    }
}
