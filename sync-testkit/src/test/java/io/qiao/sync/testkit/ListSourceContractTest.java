package io.qiao.sync.testkit;

import io.qiao.sync.ListSource;
import io.qiao.sync.Source;
import java.util.List;

/** The source contract on {@link ListSource}, in windows of two records (its positions resume mid-window too). */
class ListSourceContractTest extends SourceContract<String> {
    @Override
    protected Source<String> newSource() {
        return ListSource.of(expectedRecords(), 2);
    }

    @Override
    protected List<String> expectedRecords() {
        return List.of("a", "b", "c", "d", "e");
    }
}
