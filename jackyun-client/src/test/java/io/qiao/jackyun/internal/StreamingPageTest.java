package io.qiao.jackyun.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiao.client.DecodeException;
import io.qiao.client.Json;
import io.qiao.client.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingPageTest {
    record Row(long id, boolean flag) {
    }

    private static final ObjectMapper MAPPER = JackyunJson.mapper(Json.newMapper());

    private static StreamingPage.Result<Row> read(String data, List<String> scalars, String rowScalar) {
        byte[] body = ("{\"code\":0,\"result\":{\"contextId\":1,\"data\":" + data + "},\"subCode\":\"\"}")
                .getBytes(StandardCharsets.UTF_8);
        return StreamingPage.read("op", MAPPER, Redactor.defaults(), body, "rows", Row.class, scalars, rowScalar);
    }

    @Test
    void read_namedListWinsOverAnEarlierArray() {
        var r = read("{\"other\":[{\"id\":9}],\"rows\":[{\"id\":\"1\",\"flag\":\"1\"},null,{\"id\":2,\"flag\":0}],\"n\":3}",
                List.of("n"), null);
        assertThat(r.items()).containsExactly(new Row(1, true), new Row(2, false));
        assertThat(r.scalars()).containsEntry("n", "3");
    }

    @Test
    void read_withoutTheNamedList_takesTheFirstArray() {
        assertThat(read("{\"total\":1,\"list\":[{\"id\":5}]}", List.of(), null).items()).containsExactly(new Row(5, false));
    }

    @Test
    void read_dataAsArrayOrStringOrNull() {
        assertThat(read("[{\"id\":1}]", List.of(), null).items()).hasSize(1);
        assertThat(read("\"{\\\"rows\\\":[{\\\"id\\\":7}],\\\"scrollId\\\":\\\"S\\\"}\"", List.of("scrollId"), null))
                .satisfies(r -> {
                    assertThat(r.items()).containsExactly(new Row(7, false));
                    assertThat(r.scalars()).containsEntry("scrollId", "S");
                });
        assertThat(read("null", List.of(), null).items()).isEmpty();
        assertThat(read("\"\"", List.of(), null).items()).isEmpty();
    }

    @Test
    void read_rowScalar_keepsTheLastNonEmptyValue() {
        var r = read("{\"rows\":[{\"id\":1,\"s\":\"A\"},{\"id\":2,\"s\":\"B\"},{\"id\":3,\"s\":\"\"}]}", List.of(), "s");
        assertThat(r.items()).hasSize(3);
        assertThat(r.scalars()).containsEntry("row.s", "B");
    }

    @Test
    void read_aRowOfTheWrongShape_isADecodeExceptionNamingTheType() {
        assertThatThrownBy(() -> read("{\"rows\":[{\"id\":\"not-a-number\"}]}", List.of(), null))
                .isInstanceOf(DecodeException.class).hasMessageContaining("Row").hasMessageContaining("op");
    }
}
