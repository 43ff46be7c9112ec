package io.qiao.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.RateLimit;
import io.qiao.client.Secret;
import io.qiao.client.TimeRange;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.StockDocuments;
import io.qiao.jackyun.model.StockDocument;
import io.qiao.jackyun.model.StockDocumentQuery;
import io.qiao.jackyun.model.Trade;
import io.qiao.jackyun.model.TradeQuery;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;
import io.qiao.jackyun.sync.JackyunSources;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The vendor sources a {@link QiaoSourceConnector} can run ({@code qiao.source}), each a way to read one time range of
 * records through a vendor client and to name a record's identity (the Kafka key).
 */
final class VendorSources {
    private VendorSources() {
    }

    /** One {@code qiao.source} value and its defaults. */
    enum Kind {
        JACKYUN_WAREHOUSES("jackyun.warehouses", Duration.ofDays(365), false),
        JACKYUN_STOCK_DOCUMENTS("jackyun.stock-documents", StockDocumentQuery.DEFAULT_MAX_WINDOW, false),
        JACKYUN_TRADES("jackyun.trades", TradeQuery.MAX_WINDOW, false),
        /** Any windowed list method of 吉客云, through {@code JackyunClient.pages(method, bizcontent, range)}. */
        JACKYUN_PAGES("jackyun.pages", Duration.ofDays(1), true);

        private final String id;
        private final Duration defaultWindow;
        private final boolean generic;

        Kind(String id, Duration defaultWindow, boolean generic) {
            this.id = id;
            this.defaultWindow = defaultWindow;
            this.generic = generic;
        }

        String id() {
            return id;
        }

        boolean needsMethod() {
            return generic;
        }

        Duration defaultWindow() {
            return defaultWindow;
        }

        RateLimit defaultRateLimit() {
            return JackyunClient.DEFAULT_RATE_LIMIT;
        }

        /** Warehouses are master data: a table of them needs every one, so they start at the beginning. */
        Instant defaultSince(Instant now) {
            return this == JACKYUN_WAREHOUSES ? JackyunSources.ALL_HISTORY : now.minus(Duration.ofHours(24));
        }
    }

    static List<String> names() {
        return Arrays.stream(Kind.values()).map(Kind::id).toList();
    }

    static Kind kind(String id) {
        for (Kind k : Kind.values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new ConfigException(SourceConfig.SOURCE, id, "not one of " + names());
    }

    /** Reads ranges of one vendor account's records; owns the client it reads with. */
    interface Reader extends AutoCloseable {
        /** The records modified in {@code [from, to)}, fetched lazily page by page. */
        Iterable<?> read(Instant from, Instant to);

        /** The record's identity, the Kafka key: field name to value. */
        Map<String, Object> keyOf(Object record);

        @Override
        void close();
    }

    /**
     * A reader for one task: its client is limited to {@code share} of the account's rate limit, so that the
     * connector's tasks together never exceed it.
     */
    static Reader open(SourceConfig config, RateLimit share) {
        JackyunClient.Builder b = JackyunClient.builder()
                .credentials(JackyunCredentials.of(config.appKey(), secret(config.appSecret())))
                .rateLimit(share);
        if (config.getString(SourceConfig.ENDPOINT) != null) {
            b.endpoint(config.getString(SourceConfig.ENDPOINT));
        }
        Password token = config.getPassword(SourceConfig.TOKEN);
        if (token != null) {
            b.token(secret(token));
        }
        JackyunClient client = b.build();
        return switch (config.kind) {
            case JACKYUN_WAREHOUSES -> new JackyunReader(client) {
                @Override
                public Iterable<?> read(Instant from, Instant to) {
                    return client.warehouses().list(WarehouseQuery.builder().pageSize(WarehouseQuery.MAX_PAGE_SIZE)
                            .modifiedFrom(from).modifiedTo(to).build());
                }

                @Override
                public Map<String, Object> keyOf(Object record) {
                    return Map.of("warehouseId", ((Warehouse) record).warehouseId());
                }
            };
            case JACKYUN_STOCK_DOCUMENTS -> {
                StockDocuments.Direction direction = "outbound".equals(config.getString(SourceConfig.DIRECTION))
                        ? StockDocuments.Direction.OUTBOUND : StockDocuments.Direction.INBOUND;
                yield new JackyunReader(client) {
                    @Override
                    public Iterable<?> read(Instant from, Instant to) {
                        return client.stockDocuments().list(direction, StockDocumentQuery.builder()
                                .modifiedFrom(from).modifiedTo(to).build());
                    }

                    @Override
                    public Map<String, Object> keyOf(Object record) {
                        return Map.of("goodsdocNo", ((StockDocument) record).goodsdocNo());
                    }
                };
            }
            case JACKYUN_TRADES -> new JackyunReader(client) {
                @Override
                public Iterable<?> read(Instant from, Instant to) {
                    return client.trades().list(TradeQuery.builder().modifiedFrom(from).modifiedTo(to).build());
                }

                @Override
                public Map<String, Object> keyOf(Object record) {
                    return Map.of("tradeId", ((Trade) record).tradeId());
                }
            };
            case JACKYUN_PAGES -> {
                String method = config.getString(SourceConfig.METHOD);
                List<String> keyFields = config.getList(SourceConfig.KEY_FIELDS);
                Duration window = config.window();
                yield new JackyunReader(client) {
                    @Override
                    public Iterable<?> read(Instant from, Instant to) {
                        return client.pages(method, Map.of(), TimeRange.between(from, to).maxWindow(window));
                    }

                    @Override
                    public Map<String, Object> keyOf(Object record) {
                        Map<String, Object> key = new LinkedHashMap<>();
                        for (String f : keyFields) {
                            key.put(f, ModelValues.plain(((JsonNode) record).get(f)));
                        }
                        return key;
                    }
                };
            }
        };
    }

    private static Secret secret(Password password) {
        return Secret.of(password.value());
    }

    private abstract static class JackyunReader implements Reader {
        final JackyunClient client;

        JackyunReader(JackyunClient client) {
            this.client = client;
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
