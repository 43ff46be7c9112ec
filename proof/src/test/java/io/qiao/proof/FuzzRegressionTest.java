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

    @Test
    void jushuitanToken_withAHugeExpiresIn_throwsDecodeExceptionInsteadOfOverflowing() {
        // Found by ResponseDecoderFuzzTest (HUGE_NUMBER on the token answer): Instant.plusSeconds overflowed.
        Recorded conversation = Conversations.all().stream()
                .filter(r -> r.operation().name().startsWith("jushuitan other in/out")).findFirst().orElseThrow();
        AtomicInteger n = new AtomicInteger();
        HttpTransport stub = request -> {
            Response original = conversation.answers().get(Math.min(n.get(), conversation.answers().size() - 1));
            String body = new String(original.body(), StandardCharsets.UTF_8);
            byte[] answer = n.getAndIncrement() == 0
                    ? body.replaceAll("\"expires_in\"\\s*:\\s*\\d+", "\"expires_in\":9223372036854775807")
                            .getBytes(StandardCharsets.UTF_8)
                    : original.body();
            return new Response(request, 200, original.headers(), answer);
        };

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> conversation.operation().call().apply(stub).run());

        assertThat(thrown).isInstanceOf(DecodeException.class).hasMessageContaining("expires_in");
    }
}
