package io.qiao.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    record Archive(String archiveNo, String title, String docDate, BigDecimal amount) {
    }

    record Row(String archive_no, String title, String doc_date, double amount) {
    }

    private final Reconciler<Archive, Row, String> reconciler = Reconciler.<Archive, Row, String>builder(
                    Archive::archiveNo, Row::archive_no)
            .field("title", Archive::title, Row::title)
            .field("doc_date", Archive::docDate, Row::doc_date)
            .field("amount", Archive::amount, Row::amount)
            .batchSize(2)
            .build();

    private final List<Archive> source = List.of(
            new Archive("A1", "合同", "2024-05-01", new BigDecimal("1.50")),
            new Archive("A2", "发票", "2024-05-02", new BigDecimal("2")),
            new Archive("A3", "报告", "2024-05-03", new BigDecimal("3")),
            new Archive("A4", "纪要", "2024-05-04", new BigDecimal("4")));
    private final List<Row> target = List.of(
            new Row("A1", "合同", "2024-05-01", 1.5),
            new Row("A2", "发票(副本)", "2024-05-20", 2),
            new Row("A4", "纪要", "2024-05-04", 4),
            new Row("A9", "多余", "2024-05-09", 9));

    @Test
    void compare_reportsMissingExtraAndEachDifferingField() {
        Reconciler.Reconciliation<String> r = reconciler.compare(source, target);

        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.missing()).containsExactly("A3");
        assertThat(r.extra()).containsExactly("A9");
        assertThat(r.different()).hasSize(1);
        assertThat(r.different().get(0).key()).isEqualTo("A2");
        assertThat(r.different().get(0).fields()).extracting(Object::toString).containsExactly(
                "title: source '发票', target '发票(副本)'",
                "doc_date: source '2024-05-02', target '2024-05-20'");
        assertThat(r.consistent()).isFalse();
        assertThat(r).hasToString("2 matched, 1 missing from the target, 1 extra in the target, 1 different");
    }

    @Test
    void compare_againstAKeyReader_readsInBatches_andFindsMissingAndDifferent() {
        Map<String, Row> table = target.stream().collect(Collectors.toMap(Row::archive_no, Function.identity()));
        List<Collection<String>> reads = new ArrayList<>();

        Reconciler.Reconciliation<String> r = reconciler.compare(source.iterator(), keys -> {
            reads.add(keys);
            return keys.stream().filter(table::containsKey).collect(Collectors.toMap(k -> k, table::get));
        });

        assertThat(reads).containsExactly(List.of("A1", "A2"), List.of("A3", "A4"));
        assertThat(r.missing()).containsExactly("A3");
        assertThat(r.extraCount()).isZero();
        assertThat(r.differentCount()).isEqualTo(1);
        assertThat(r.matched()).isEqualTo(2);
    }

    @Test
    void detailLists_areCapped_butCountsStayExact() {
        Reconciler<Integer, Integer, Integer> r = Reconciler.<Integer, Integer, Integer>builder(i -> i, i -> i)
                .maxDetails(2).build();

        Reconciler.Reconciliation<Integer> result = r.compare(List.of(1, 2, 3, 4, 5), List.of(5, 6, 7, 8));

        assertThat(result.missingCount()).isEqualTo(4);
        assertThat(result.missing()).containsExactly(1, 2);
        assertThat(result.extraCount()).isEqualTo(3);
        assertThat(result.extra()).hasSize(2);
        assertThat(result.matched()).isEqualTo(1);
    }
}
