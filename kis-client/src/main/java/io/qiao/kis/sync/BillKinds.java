package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.MiscellaneousDeliveries;
import io.qiao.kis.MiscellaneousReceipts;
import io.qiao.kis.PurchaseReceipts;
import io.qiao.kis.SalesDeliveries;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousDelivery;
import io.qiao.kis.model.MiscellaneousReceipt;
import io.qiao.kis.model.PurchaseReceipt;
import io.qiao.kis.model.SalesDelivery;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The {@link BillKind} of each KIS bill type a sink writes: how it is named, keyed, checked, found and created. */
final class BillKinds {
    private BillKinds() {
    }

    static BillKind<MiscellaneousReceipt> miscellaneousReceipts(KisClient client) {
        MiscellaneousReceipts api = client.miscellaneousReceipts();
        return of("其他入库单", MiscellaneousReceipt::billNo, MiscellaneousReceipt::hasBillNo,
                MiscellaneousReceipt::problems, api::findStored, api::createAbsent);
    }

    static BillKind<MiscellaneousDelivery> miscellaneousDeliveries(KisClient client) {
        MiscellaneousDeliveries api = client.miscellaneousDeliveries();
        return of("其他出库单", MiscellaneousDelivery::billNo, MiscellaneousDelivery::hasBillNo,
                MiscellaneousDelivery::problems, api::findStored, api::createAbsent);
    }

    static BillKind<PurchaseReceipt> purchaseReceipts(KisClient client) {
        PurchaseReceipts api = client.purchaseReceipts();
        return of("采购入库单", PurchaseReceipt::billNo, PurchaseReceipt::hasBillNo, PurchaseReceipt::problems,
                api::findStored, api::createAbsent);
    }

    static BillKind<SalesDelivery> salesDeliveries(KisClient client) {
        SalesDeliveries api = client.salesDeliveries();
        return of("销售出库单", SalesDelivery::billNo, SalesDelivery::hasBillNo, SalesDelivery::problems,
                api::findStored, api::createAbsent);
    }

    private static <B> BillKind<B> of(String name, Function<B, String> billNo, Predicate<B> hasBillNo,
                                      Function<B, List<String>> problems,
                                      Function<Collection<B>, Map<String, BillRef>> findStored,
                                      Function<B, BillRef> createAbsent) {
        return new BillKind<>() {
            public String name() {
                return name;
            }

            public String billNo(B bill) {
                return billNo.apply(bill);
            }

            public boolean hasBillNo(B bill) {
                return hasBillNo.test(bill);
            }

            public List<String> problems(B bill) {
                return problems.apply(bill);
            }

            public Map<String, BillRef> findStored(Collection<B> bills) {
                return findStored.apply(bills);
            }

            public BillRef createAbsent(B bill) {
                return createAbsent.apply(bill);
            }
        };
    }
}
