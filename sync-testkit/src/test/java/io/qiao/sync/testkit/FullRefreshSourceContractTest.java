package io.qiao.sync.testkit;

import io.qiao.sync.FullRefreshSource;
import io.qiao.sync.Source;
import java.util.List;

/** The source contract on {@link FullRefreshSource}: one window, everything, every run. */
class FullRefreshSourceContractTest extends SourceContract<String> {
    @Override
    protected Source<String> newSource() {
        return FullRefreshSource.of(this::expectedRecords);
    }

    @Override
    protected List<String> expectedRecords() {
        return List.of("warehouse-1", "warehouse-2", "warehouse-3");
    }
}
