package io.qiao.jushuitan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qiao.jushuitan.model.InventoryQuery;
import io.qiao.jushuitan.model.OrderQuery;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.OtherInOutRequest;
import io.qiao.jushuitan.model.PurchaseInQuery;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JstWireTest {
    private static final Instant BEGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-02T00:00:00Z");

    @Test
    void readsTheWireFieldsOfTheModelQueriesWithoutTheirBeingPublic() {
        InventoryQuery query = InventoryQuery.builder().modifiedBetween(BEGIN, END).skuIds(List.of("A", "B")).build();

        assertThat(JstWire.biz(query)).isEqualTo(Map.of("sku_ids", "A,B"));
        assertThat(JstWire.range(query)).isNotNull();
        for (Class<?> type : List.of(InventoryQuery.class, OrderQuery.class, OtherInOutQuery.class,
                PurchaseInQuery.class, OtherInOutRequest.class)) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals("filters") || m.getName().equals("biz") || m.getName().equals("range")) {
                    assertThat(Modifier.isPublic(m.getModifiers())).as(type.getSimpleName() + "." + m.getName())
                            .isFalse();
                }
            }
        }
    }

    @Test
    void aQueryByIdsHasNoRange() {
        assertThat(JstWire.range(OrderQuery.builder().soIds(List.of("SO-1")).build())).isNull();
    }

    @Test
    void aTypeRegistersItsReadersOnlyOnce() {
        OrderQuery.modifiedBetween(BEGIN, END);

        assertThatThrownBy(() -> JstWire.register(OrderQuery.class, q -> Map.of(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OrderQuery registered its wire readers already");
    }

    @Test
    void aValueWithoutReadersIsRefusedByName() {
        assertThatThrownBy(() -> JstWire.biz("not a query"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.String has no wire readers registered");
    }
}
