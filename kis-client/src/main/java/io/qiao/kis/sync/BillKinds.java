package io.qiao.kis.sync;

import io.qiao.kis.KisClient;
import io.qiao.kis.MiscellaneousDeliveries;
import io.qiao.kis.MiscellaneousReceipts;
import io.qiao.kis.model.BillRef;
import io.qiao.kis.model.MiscellaneousDelivery;
import io.qiao.kis.model.MiscellaneousReceipt;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The {@link BillKind} of each KIS bill type a sink writes: how it is named, keyed, checked, found and created. */
final class BillKinds {
    private BillKinds() {
    }

    static BillKind<MiscellaneousReceipt> miscellaneousReceipts(KisClient client) {
        MiscellaneousReceipts api = client.miscellaneousReceipts();
        return new BillKind<>() {
            public String name() {
                return "其他入库单";
            }

            public String billNo(MiscellaneousReceipt bill) {
                return bill.billNo();
            }

            public boolean hasBillNo(MiscellaneousReceipt bill) {
                return bill.hasBillNo();
            }

            public List<String> problems(MiscellaneousReceipt bill) {
                return bill.problems();
            }

            public Map<String, BillRef> findStored(Collection<MiscellaneousReceipt> bills) {
                return api.findStored(bills);
            }

            public BillRef createAbsent(MiscellaneousReceipt bill) {
                return api.createAbsent(bill);
            }
        };
    }

    static BillKind<MiscellaneousDelivery> miscellaneousDeliveries(KisClient client) {
        MiscellaneousDeliveries api = client.miscellaneousDeliveries();
        return new BillKind<>() {
            public String name() {
                return "其他出库单";
            }

            public String billNo(MiscellaneousDelivery bill) {
                return bill.billNo();
            }

            public boolean hasBillNo(MiscellaneousDelivery bill) {
                return bill.hasBillNo();
            }

            public List<String> problems(MiscellaneousDelivery bill) {
                return bill.problems();
            }

            public Map<String, BillRef> findStored(Collection<MiscellaneousDelivery> bills) {
                return api.findStored(bills);
            }

            public BillRef createAbsent(MiscellaneousDelivery bill) {
                return api.createAbsent(bill);
            }
        };
    }
}
