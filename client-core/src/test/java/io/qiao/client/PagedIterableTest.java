package io.qiao.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagedIterableTest {

    /** Three pages of 2 records: tokens "1", "2", then the end. */
    private static Page<Integer> page(String token, AtomicInteger requests) {
        requests.incrementAndGet();
        int index = token == null ? 0 : Integer.parseInt(token);
        List<Integer> items = List.of(index * 2, index * 2 + 1);
        return Page.of(items, index < 2 ? String.valueOf(index + 1) : null);
    }

    @Test
    void creatingAndStreamingWithoutTerminalOperation_sendsNoRequest() {
        AtomicInteger requests = new AtomicInteger();
        PagedIterable<Integer> paged = PagedIterable.of("op", t -> page(t, requests));

        paged.stream().map(i -> i * 10);
        paged.byPage();

        assertThat(requests).hasValue(0);
    }

    @Test
    void iteration_fetchesOnePagePerRequestUntilTheEndSignal() {
        AtomicInteger requests = new AtomicInteger();
        PagedIterable<Integer> paged = PagedIterable.of("op", t -> page(t, requests));

        assertThat(paged).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(requests).hasValue(3);
    }

    @Test
    void stream_isLazyPerPage() {
        AtomicInteger requests = new AtomicInteger();

        assertThat(PagedIterable.of("op", t -> page(t, requests)).stream().findFirst()).contains(0);
        assertThat(requests).hasValue(1);
    }

    @Test
    void byPage_resumesFromAContinuationToken() {
        AtomicInteger requests = new AtomicInteger();
        PagedIterable<Integer> paged = PagedIterable.of("op", t -> page(t, requests));
        String token = paged.byPage().iterator().next().nextToken();

        List<Integer> rest = new ArrayList<>();
        paged.byPage(token).forEach(p -> rest.addAll(p.items()));

        assertThat(token).isEqualTo("1");
        assertThat(rest).containsExactly(2, 3, 4, 5);
    }

    @Test
    void aPageRepeatingItsOwnContinuation_endsWithDecodeExceptionInsteadOfLoopingForever() {
        PagedIterable<Integer> paged = PagedIterable.of("op", t -> Page.of(List.of(1), "same"));

        assertThatThrownBy(() -> paged.forEach(i -> { }))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("same continuation 'same' twice");
    }

    @Test
    void morePagesThanTheCap_endsWithDecodeException() {
        AtomicInteger n = new AtomicInteger();
        PagedIterable<Integer> endless = PagedIterable.of("op",
                t -> Page.of(List.of(n.get()), String.valueOf(n.incrementAndGet())), 50);

        assertThatThrownBy(() -> endless.forEach(i -> { }))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("more than 50 pages");
        assertThat(n).hasValue(50);
    }

    @Test
    void emptyPagesInTheMiddle_areSkippedByRecordIteration() {
        PagedIterable<Integer> paged = PagedIterable.of("op", t -> t == null ? Page.of(List.of(), "a")
                : t.equals("a") ? Page.of(List.of(), "b") : Page.last(List.of(7)));

        assertThat(paged).containsExactly(7);
    }

    @Test
    void map_transformsRecordsAndKeepsPaging() {
        AtomicInteger requests = new AtomicInteger();

        assertThat(PagedIterable.of("op", t -> page(t, requests)).map(i -> "r" + i))
                .containsExactlyElementsOf(IntStream.range(0, 6).mapToObj(i -> "r" + i).toList());
    }
}
