package io.qiao.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiao.client.RateLimit;
import io.qiao.client.RateLimits;
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
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.JushuitanCredentials;
import io.qiao.jushuitan.model.Order;
import io.qiao.jushuitan.model.OrderQuery;
import io.qiao.jushuitan.model.OtherInOut;
import io.qiao.jushuitan.model.OtherInOutQuery;
import io.qiao.jushuitan.model.PurchaseIn;
import io.qiao.jushuitan.model.PurchaseInQuery;
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
        JACKYUN_PAGES("jackyun.pages", Duration.ofDays(1), true),
        JUSHUITAN_OTHER_IN_OUT("jushuitan.other-in-out", Duration.ofDays(7), false),
        JUSHUITAN_ORDERS("jushuitan.orders", Duration.ofDays(7), false),
        JUSHUITAN_PURCHASE_IN("jushuitan.purchase-in", Duration.ofDays(7), false);

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

        boolean jushuitan() {
            return id.startsWith("jushuitan.");
        }

        /** The vendor's documented limits for one account (聚水潭: 4/s and 98/min, with headroom). */
        List<RateLimit> defaultRateLimits() {
            return jushuitan() ? List.of(RateLimit.perSecond(4), RateLimit.perMinute(98))
                    : List.of(JackyunClient.DEFAULT_RATE_LIMIT);
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
    static Reader open(SourceConfig config, int tasks) {
        RateLimit[] share = config.rateLimits().stream().map(l -> QiaoSourceTask.share(l, tasks))
                .toArray(RateLimit[]::new);
        if (config.kind.jushuitan()) {
            return jushuitan(config, RateLimits.of(share));
        }
        JackyunClient.Builder b = JackyunClient.builder()
                .credentials(JackyunCredentials.of(config.appKey(), secret(config.appSecret())))
                .rateLimits(RateLimits.of(share));
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
            case JUSHUITAN_OTHER_IN_OUT, JUSHUITAN_ORDERS, JUSHUITAN_PURCHASE_IN -> throw new IllegalStateException();
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

    private static Reader jushuitan(SourceConfig config, RateLimits limits) {
        JushuitanCredentials.Builder credentials = JushuitanCredentials.of(config.appKey(), secret(config.appSecret()))
                .toBuilder();
        Password token = config.getPassword(SourceConfig.TOKEN);
        if (token != null) {
            credentials.accessToken(secret(token));
        }
        JushuitanClient.Builder b = JushuitanClient.builder().credentials(credentials.build()).rateLimits(limits);
        if (config.getString(SourceConfig.ENDPOINT) != null) {
            b.endpoint(config.getString(SourceConfig.ENDPOINT));
        }
        JushuitanClient client = b.build();
        List<String> types = config.getList(SourceConfig.TYPES);
        String status = config.getString(SourceConfig.STATUS);
        return switch (config.kind) {
            case JUSHUITAN_OTHER_IN_OUT -> new JushuitanReader(client) {
                @Override
                public Iterable<?> read(Instant from, Instant to) {
                    OtherInOutQuery.Builder q = OtherInOutQuery.builder().modifiedBetween(from, to);
                    if (!types.isEmpty()) {
                        q.types(types.toArray(String[]::new));
                    }
                    if (status != null) {
                        q.status(status);
                    }
                    return client.otherInOuts().list(q.build());
                }

                @Override
                public Map<String, Object> keyOf(Object record) {
                    return Map.of("ioId", ((OtherInOut) record).ioId());
                }
            };
            case JUSHUITAN_ORDERS -> new JushuitanReader(client) {
                @Override
                public Iterable<?> read(Instant from, Instant to) {
                    OrderQuery.Builder q = OrderQuery.builder().modifiedBetween(from, to);
                    if (status != null) {
                        q.status(status);
                    }
                    return client.orders().list(q.build());
                }

                @Override
                public Map<String, Object> keyOf(Object record) {
                    return Map.of("oId", ((Order) record).oId());
                }
            };
            case JUSHUITAN_PURCHASE_IN -> new JushuitanReader(client) {
                @Override
                public Iterable<?> read(Instant from, Instant to) {
                    return client.purchaseIns().list(PurchaseInQuery.builder().modifiedBetween(from, to).build());
                }

                @Override
                public Map<String, Object> keyOf(Object record) {
                    return Map.of("ioId", ((PurchaseIn) record).ioId());
                }
            };
            default -> throw new IllegalStateException("not a 聚水潭 source: " + config.kind.id());
        };
    }

    private abstract static class JushuitanReader implements Reader {
        final JushuitanClient client;

        JushuitanReader(JushuitanClient client) {
            this.client = client;
        }

        @Override
        public void close() {
            client.close();
        }
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
