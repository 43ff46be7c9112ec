package hostcheck;

import io.qiao.client.QiaoException;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.model.WarehouseQuery;

/**
 * A host that has only qiao-jackyun-client: builds the client and lists warehouses from a port nothing listens on,
 * so the whole call path (signing, paging, retry, JSON, exceptions) is loaded; a missing class fails with
 * NoClassDefFoundError.
 */
public final class Main {
    public static void main(String[] args) {
        JackyunClient jackyun = JackyunClient.builder()
                .endpoint("http://127.0.0.1:1/open/openapi/do")
                .credentials(JackyunCredentials.of("app", Secret.of("app-secret")))
                .retry(RetryOptions.disabled())
                .build();
        try {
            for (Warehouse w : jackyun.warehouses().list(WarehouseQuery.all())) {
                throw new AssertionError("a call to 127.0.0.1:1 answered with " + w);
            }
            throw new AssertionError("a call to 127.0.0.1:1 answered");
        } catch (QiaoException expected) {
            System.out.println("jackyun: " + jackyun + " -> " + expected.getClass().getSimpleName());
        }
    }
}
