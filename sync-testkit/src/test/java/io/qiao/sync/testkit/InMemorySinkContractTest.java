package io.qiao.sync.testkit;

import io.qiao.sync.InMemorySink;
import io.qiao.sync.Sink;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sink contract on {@link InMemorySink}, refusing records without a name as a database constraint would. */
class InMemorySinkContractTest extends SinkContract<InMemorySinkContractTest.Item> {

    record Item(String id, String name) {
    }

    @Override
    protected Sink<Item> newSink() {
        return InMemorySink.keyedBy(Item::id, item -> item.name() == null ? "name is required" : null);
    }

    @Override
    protected List<Item> records() {
        return List.of(new Item("1", "螺丝"), new Item("2", "螺母"), new Item("3", "垫圈"));
    }

    @Override
    protected Item changed(Item record) {
        return new Item(record.id(), record.name() + " (v2)");
    }

    @Override
    protected Object contentsOf(Sink<Item> sink) {
        @SuppressWarnings("unchecked")
        Map<String, Item> records = ((InMemorySink<String, Item>) sink).records();
        return new TreeMap<>(records);
    }

    @Override
    protected Item refusedRecord() {
        return new Item("4", null);
    }
}
