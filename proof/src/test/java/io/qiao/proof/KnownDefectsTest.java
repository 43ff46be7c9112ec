package io.qiao.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.qiao.client.DecodeException;
import io.qiao.client.HttpTransport;
import io.qiao.client.Response;
import io.qiao.proof.Conversations.Recorded;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the defects in {@link KnownDefects}: each fails today and is disabled with the reason, since
 * the fix belongs to a module this one does not own. Enable it with the fix and drop the entry from KnownDefects.
 */
class KnownDefectsTest {

    @Test
    @Disabled("archive-client defect (reported in issue 10): Archives.fetchPage puts the null that Json.convert "
            + "returns for a JSON null element into the page, and Page's List.copyOf throws NullPointerException; "
            + "it should skip the element or throw DecodeException naming records[i]")
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
    void knownDefects_matchOnlyTheirOwnFrame() {
        NullPointerException elsewhere = new NullPointerException("x");
        assertThat(KnownDefects.matches(elsewhere)).isFalse();
        assertThat(KnownDefects.matches(null)).isFalse();
        NullPointerException there = new NullPointerException("x");
        there.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.qiao.archive.Archives", "fetchPage", "Archives.java", 362)});
        assertThat(KnownDefects.matches(there)).isTrue();
    }
}
