package io.qiao.testkit.jackyun;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's deterministic data: N warehouses, stock rows, inbound and outbound documents and trades,
 * their modification times spread evenly over a range (Beijing wall time, whole seconds).
 *
 * <p>Every record is a pure function of its index, so a data set of millions costs no memory and two
 * simulators with the same settings serve identical data. Record {@code i} (0-based) has id {@code i + 1},
 * and ids grow with modification time, which is the order the simulator pages in.
 */
public final class JackyunDataSet {
    private final int warehouses;
    private final int stockQuantities;
    private final int inboundDocuments;
    private final int outboundDocuments;
    private final int trades;
    private final int skus;
    private final int transfers;
    private final LocalDateTime modifiedFrom;
    private final LocalDateTime modifiedTo;
    private final long spanSeconds;

    private JackyunDataSet(Builder b) {
        this.warehouses = b.warehouses;
        this.stockQuantities = b.stockQuantities;
        this.inboundDocuments = b.inboundDocuments;
        this.outboundDocuments = b.outboundDocuments;
        this.trades = b.trades;
        this.skus = b.skus;
        this.transfers = b.transfers;
        this.modifiedFrom = b.modifiedFrom;
        this.modifiedTo = b.modifiedTo;
        this.spanSeconds = ChronoUnit.SECONDS.between(modifiedFrom, modifiedTo);
    }

    /**
     * 25 warehouses, 500 stock rows, 300 inbound and 300 outbound documents, 400 trades, 300 SKUs and 200
     * transfers, modified over
     * {@code [2024-05-01, 2024-06-01)} Beijing time; {@link #endingAt} (or the simulator builder's
     * {@code recentData()}) moves them to end now, so that "the last 7 days" holds records.
     */
    public static JackyunDataSet defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The same counts and span, shifted so that the modification times end at {@code end} (Beijing wall time):
     * {@code defaults().endingAt(now)} puts the default records in the 31 days before now.
     */
    public JackyunDataSet endingAt(LocalDateTime end) {
        Objects.requireNonNull(end, "end");
        LocalDateTime to = end.truncatedTo(ChronoUnit.SECONDS);
        Builder b = builder().warehouses(warehouses).stockQuantities(stockQuantities).trades(trades).skus(skus)
                .transfers(transfers).modifiedBetween(to.minusSeconds(spanSeconds), to);
        b.inboundDocuments = inboundDocuments;
        b.outboundDocuments = outboundDocuments;
        return b.build();
    }

    public int warehouseCount() {
        return warehouses;
    }

    public int stockQuantityCount() {
        return stockQuantities;
    }

    public int documentCount(Direction direction) {
        return direction == Direction.INBOUND ? inboundDocuments : outboundDocuments;
    }

    public int tradeCount() {
        return trades;
    }

    public int skuCount() {
        return skus;
    }

    public int transferCount() {
        return transfers;
    }

    public LocalDateTime modifiedFrom() {
        return modifiedFrom;
    }

    public LocalDateTime modifiedTo() {
        return modifiedTo;
    }

    /**
     * The modification time of record {@code index} of a collection of {@code count}: evenly spread over
     * {@code [modifiedFrom, modifiedTo)}, non-decreasing in the index.
     */
    public LocalDateTime modifiedAt(int index, int count) {
        return modifiedFrom.plusSeconds(spanSeconds * index / count);
    }

    /** The first index whose modification time is at or after {@code time} ({@code count} if none). */
    int firstIndexAtOrAfter(LocalDateTime time, int count) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (modifiedAt(mid, count).isBefore(time)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---- warehouses ----

    /** A warehouse as the simulator serves it ({@code erp.warehouse.get}). */
    public record Warehouse(long warehouseId, String warehouseCode, String warehouseName, String warehouseTypeCode,
                            String warehouseTypeName, boolean blockup, long companyId, String companyCode,
                            String companyName, long departmentId, String departmentCode, String departmentName,
                            String address, String tel, String linkMan, LocalDateTime gmtCreate,
                            LocalDateTime gmtModified, List<SalesChannel> channels) {
    }

    public record SalesChannel(long warehouseId, long channelId, String channelCode, String channelName) {
    }

    public Warehouse warehouse(int index) {
        Objects.checkIndex(index, warehouses);
        long id = index + 1;
        LocalDateTime modified = modifiedAt(index, warehouses);
        long company = 1 + index % 3;
        long depart = 10 + index % 5;
        List<SalesChannel> channels = index % 3 == 0
                ? List.of(new SalesChannel(id, 500 + index % 4, "CH" + (index % 4), "渠道" + (index % 4)))
                : List.of();
        return new Warehouse(id, code("WH", id, 6), "仓库" + id, index % 4 == 3 ? "2" : "1",
                index % 4 == 3 ? "第三方仓" : "自建自用", index % 7 == 6, company, "C" + company, "公司" + company,
                depart, "D" + depart, "部门" + depart, "浙江省杭州市" + id + "号", "0571-" + (8000000 + id),
                "联系人" + id, modified.minusDays(30), modified, channels);
    }

    public List<Warehouse> warehouses() {
        return view(warehouses, this::warehouse);
    }

    // ---- stock quantities ----

    /** One stock row ({@code erp.stockquantity.get}); {@code quantityId} is {@code index + 1}. */
    public record StockQuantity(long quantityId, long goodsId, String goodsNo, String goodsName, long skuId,
                                String skuName, String skuBarcode, String unitName, long warehouseId,
                                String warehouseCode, String warehouseName, BigDecimal currentQuantity,
                                BigDecimal lockingQuantity, BigDecimal canUseQuantity, LocalDateTime gmtModified) {
    }

    public StockQuantity stockQuantity(int index) {
        Objects.checkIndex(index, stockQuantities);
        long id = index + 1;
        long goods = 1 + index / 3;
        long warehouse = 1 + index % Math.max(1, Math.min(warehouses, 5));
        BigDecimal current = BigDecimal.valueOf(index % 997);
        BigDecimal locking = BigDecimal.valueOf(index % 5);
        return new StockQuantity(id, goods, code("G", goods, 6), "货品" + goods, id, "规格" + (index % 3),
                code("69", id, 11), "件", warehouse, code("WH", warehouse, 6), "仓库" + warehouse,
                current, locking, current.subtract(locking), modifiedAt(index, stockQuantities));
    }

    public List<StockQuantity> stockQuantities() {
        return view(stockQuantities, this::stockQuantity);
    }

    // ---- stock documents ----

    public enum Direction {
        INBOUND("RK", "104", "其他入库", "101", "采购入库", "erp.storage.goodsdocin.v2"),
        OUTBOUND("CK", "204", "其他出库", "201", "销售出库", "erp.storage.goodsdocout.v2");

        final String prefix;
        final String type;
        final String typeName;
        final String businessType;
        final String businessTypeName;
        final String method;

        Direction(String prefix, String type, String typeName, String businessType, String businessTypeName,
                  String method) {
            this.prefix = prefix;
            this.type = type;
            this.typeName = typeName;
            this.businessType = businessType;
            this.businessTypeName = businessTypeName;
            this.method = method;
        }

        public String method() {
            return method;
        }
    }

    /**
     * An inbound or outbound document with 1-3 goods lines. Every third one (index 0, 3, 6...) is a 采购入库 (101) or
     * 销售出库 (201), the others 其他入库 (104) or 其他出库 (204): a type filter has something to keep and to drop.
     */
    public record StockDocument(long recId, String goodsdocNo, LocalDateTime inOutDate, String inouttype,
                                String inouttypeName, String warehouseCode, String warehouseName, String billNo,
                                String redStatus, LocalDateTime gmtCreate, LocalDateTime gmtModified,
                                List<DocumentLine> lines) {
    }

    public record DocumentLine(String goodsNo, String goodsName, String skuBarcode, String unitName,
                               BigDecimal quantity, BigDecimal costPrice) {
    }

    public StockDocument document(Direction direction, int index) {
        int count = documentCount(direction);
        Objects.checkIndex(index, count);
        long id = index + 1;
        LocalDateTime modified = modifiedAt(index, count);
        long warehouse = 1 + index % Math.max(1, Math.min(warehouses, 5));
        List<DocumentLine> lines = new ArrayList<>();
        for (int l = 0; l <= index % 3; l++) {
            long goods = 1 + (index + l) % 50;
            lines.add(new DocumentLine(code("G", goods, 6), "货品" + goods, code("69", goods, 11),
                    "件", BigDecimal.valueOf(1 + (index + l) % 9), new BigDecimal("12.50").add(BigDecimal.valueOf(l))));
        }
        boolean business = index % 3 == 0;
        String type = business ? direction.businessType : direction.type;
        String typeName = business ? direction.businessTypeName : direction.typeName;
        return new StockDocument(id, code(direction.prefix, id, 8), modified.minusHours(1),
                type, typeName, code("WH", warehouse, 6), "仓库" + warehouse,
                "BILL-" + direction.prefix + id, "1", modified.minusHours(2), modified, List.copyOf(lines));
    }

    public List<StockDocument> documents(Direction direction) {
        return view(documentCount(direction), i -> document(direction, i));
    }

    // ---- trades ----

    public record Trade(long tradeId, String tradeNo, int tradeStatus, int tradeType, long shopId, String shopName,
                        long warehouseId, String warehouseCode, String warehouseName, BigDecimal payment,
                        LocalDateTime gmtCreate, LocalDateTime gmtModified, List<TradeGoods> goodsDetail) {
    }

    public record TradeGoods(String goodsNo, String goodsName, String barcode, BigDecimal sellCount,
                             BigDecimal sellPrice, BigDecimal sellTotal) {
    }

    private static final int[] TRADE_STATUSES = {1010, 2020, 6000, 9090, 5010};

    public Trade trade(int index) {
        Objects.checkIndex(index, trades);
        long id = index + 1;
        LocalDateTime modified = modifiedAt(index, trades);
        long warehouse = 1 + index % Math.max(1, Math.min(warehouses, 5));
        List<TradeGoods> goods = new ArrayList<>();
        BigDecimal payment = BigDecimal.ZERO;
        for (int l = 0; l <= index % 2; l++) {
            long g = 1 + (index + l) % 50;
            BigDecimal count = BigDecimal.valueOf(1 + l);
            BigDecimal price = new BigDecimal("19.90");
            BigDecimal total = price.multiply(count);
            payment = payment.add(total);
            goods.add(new TradeGoods(code("G", g, 6), "货品" + g, code("69", g, 11), count, price,
                    total));
        }
        return new Trade(id, code("JY", id, 10), TRADE_STATUSES[index % TRADE_STATUSES.length], 1,
                100 + index % 3, "店铺" + (index % 3), warehouse, code("WH", warehouse, 6), "仓库" + warehouse,
                payment, modified.minusHours(3), modified, List.copyOf(goods));
    }

    public List<Trade> trades() {
        return view(trades, this::trade);
    }

    // ---- SKUs (货品) ----

    /**
     * One SKU row of {@code erp.storage.goodslist}; {@code skuId} is {@code index + 1} (ids grow with the SKU's
     * modification time, the order the {@code maxSkuId} cursor walks), three SKUs per goods.
     */
    public record Sku(long goodsId, String goodsNo, String goodsName, long skuId, String skuName, String skuNo,
                      String skuBarcode, String unitName, int cateId, String cateName, int brandId, String brandName,
                      boolean blockup, boolean skuBlockup, boolean deleted, boolean packageGood, BigDecimal retailPrice,
                      LocalDateTime gmtCreate, LocalDateTime goodsGmtModified, LocalDateTime skuGmtModified) {
    }

    public Sku sku(int index) {
        Objects.checkIndex(index, skus);
        long id = index + 1;
        long goods = 1 + index / 3;
        LocalDateTime modified = modifiedAt(index, skus);
        int cate = 1 + index % 4;
        int brand = 1 + index % 2;
        return new Sku(goods, code("G", goods, 6), "货品" + goods, id, "规格" + (index % 3), code("S", id, 6),
                code("69", id, 11), "件", cate, "分类" + cate, brand, "品牌" + brand, index % 11 == 10,
                index % 13 == 12, false, index % 17 == 16, new BigDecimal("9.90").add(BigDecimal.valueOf(index % 5)),
                modified.minusDays(60), modified.minusMinutes(index % 60), modified);
    }

    public List<Sku> skus() {
        return view(skus, this::sku);
    }

    // ---- transfers (调拨单) ----

    /**
     * One transfer of {@code erp.allocate.get}, created at the spread time of its index (the vendor filters transfers
     * by creation time), last modified an hour later, with 1-2 lines.
     */
    public record Transfer(long allocateId, String allocateNo, String outWarehouseCode, String outWarehouseName,
                           String inWarehouseCode, String inWarehouseName, int status, int outStatus, int inStatus,
                           String sourceNo, String memo, BigDecimal totalAmount, LocalDateTime gmtCreate,
                           LocalDateTime gmtModified, LocalDateTime auditDate, List<TransferLine> lines) {
    }

    public record TransferLine(long allocateDetailId, long goodsId, String goodsNo, String goodsName, long skuId,
                               String skuName, String skuBarcode, String unitName, BigDecimal skuCount,
                               BigDecimal outCount, BigDecimal inCount, BigDecimal skuPrice, BigDecimal totalAmount) {
    }

    /** 0 草稿, 1 待审核, 2 已审核, 3 已关闭, 20 已完成 (the values public callers read). */
    private static final int[] TRANSFER_STATUSES = {0, 1, 2, 3, 20};

    public Transfer transfer(int index) {
        Objects.checkIndex(index, transfers);
        long id = index + 1;
        LocalDateTime created = modifiedAt(index, transfers);
        int places = Math.max(1, Math.min(warehouses, 5));
        long out = 1 + index % places;
        long in = 1 + (index + 1) % places;
        int status = TRANSFER_STATUSES[index % TRANSFER_STATUSES.length];
        boolean done = status == 20;
        List<TransferLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 0; l <= index % 2; l++) {
            long goods = 1 + (index + l) % 50;
            BigDecimal count = BigDecimal.valueOf(1 + (index + l) % 7);
            BigDecimal price = new BigDecimal("8.50");
            BigDecimal amount = price.multiply(count);
            total = total.add(amount);
            lines.add(new TransferLine(id * 10 + l, goods, code("G", goods, 6), "货品" + goods, goods * 3,
                    "规格0", code("69", goods * 3, 11), "件", count, status >= 2 ? count : BigDecimal.ZERO,
                    done ? count : BigDecimal.ZERO, price, amount));
        }
        return new Transfer(7_000_000 + id, code("DB", id, 8), code("WH", out, 6), "仓库" + out, code("WH", in, 6),
                "仓库" + in, status, status >= 2 ? 3 : 0, done ? 3 : 0, index % 4 == 0 ? "SRC-" + id : "",
                "调拨" + id, total, created, created.plusHours(1), status >= 2 ? created.plusMinutes(30) : null,
                List.copyOf(lines));
    }

    public List<Transfer> transfers() {
        return view(transfers, this::transfer);
    }

    /** {@code prefix} + {@code number} zero-padded to {@code width} digits (String.format is slow at this rate). */
    static String code(String prefix, long number, int width) {
        String digits = Long.toString(number);
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    private static <T> List<T> view(int size, java.util.function.IntFunction<T> at) {
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                return at.apply(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public String toString() {
        return "JackyunDataSet{warehouses=" + warehouses + ", stockQuantities=" + stockQuantities + ", inbound="
                + inboundDocuments + ", outbound=" + outboundDocuments + ", trades=" + trades + ", skus=" + skus
                + ", transfers=" + transfers + ", modified=["
                + modifiedFrom + ", " + modifiedTo + ")}";
    }

    public static final class Builder {
        private int warehouses = 25;
        private int stockQuantities = 500;
        private int inboundDocuments = 300;
        private int outboundDocuments = 300;
        private int trades = 400;
        private int skus = 300;
        private int transfers = 200;
        private LocalDateTime modifiedFrom = LocalDateTime.of(2024, 5, 1, 0, 0);
        private LocalDateTime modifiedTo = LocalDateTime.of(2024, 6, 1, 0, 0);

        private Builder() {
        }

        public Builder warehouses(int count) {
            this.warehouses = count(count, "warehouses");
            return this;
        }

        public Builder stockQuantities(int count) {
            this.stockQuantities = count(count, "stockQuantities");
            return this;
        }

        /** The number of inbound and of outbound documents (each). */
        public Builder stockDocuments(int count) {
            this.inboundDocuments = count(count, "stockDocuments");
            this.outboundDocuments = count;
            return this;
        }

        public Builder trades(int count) {
            this.trades = count(count, "trades");
            return this;
        }

        /** The number of SKU rows of {@code erp.storage.goodslist}. */
        public Builder skus(int count) {
            this.skus = count(count, "skus");
            return this;
        }

        /** The number of transfers of {@code erp.allocate.get}. */
        public Builder transfers(int count) {
            this.transfers = count(count, "transfers");
            return this;
        }

        /** Modification times are spread over {@code [from, to)} (Beijing wall time). */
        public Builder modifiedBetween(LocalDateTime from, LocalDateTime to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("modifiedBetween: to " + to + " must be after from " + from);
            }
            this.modifiedFrom = from.truncatedTo(ChronoUnit.SECONDS);
            this.modifiedTo = to.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        public JackyunDataSet build() {
            return new JackyunDataSet(this);
        }

        private static int count(int count, String name) {
            if (count < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + count);
            }
            return count;
        }
    }
}
