package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.DecodeException;
import io.qiao.client.HttpTransport;
import io.qiao.client.Response;
import io.qiao.proof.Conversations.Recorded;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One regression test per defect the fuzzing found, kept after the fix so it cannot come back. */
class FuzzRegressionTest {

    @Test
    void archiveQuery_whenRecordsHoldANull_throwsDecodeException() {
        Recorded query = Conversations.all().stream()
                .filter(r -> r.operation().name().startsWith("archive query")).findFirst().orElseThrow();
        AtomicInteger n = new AtomicInteger();
        HttpTransport stub = request -> {
            Response original = query.answers().get(Math.min(n.get(), query.answers().size() - 1));
            byte[] body = n.getAndIncrement() == 0 ? original.body()   // the token answer stays valid
                    : "{\"code\":200,\"records\":[null],\"total\":1}".getBytes(StandardCharsets.UTF_8);
            return new Response(request, 200, original.headers(), body);
        };

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> query.operation().call().apply(stub).run());

        assertThat(thrown).isInstanceOf(DecodeException.class);
    }
}
