package hostcheck;

import io.qiao.client.QiaoException;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisCredentials;
import java.util.Map;

/**
 * A host that has only qiao-kis-client: builds the client and makes one call to a port nothing listens on, so the
 * whole call path (auth, signing, retry, JSON, exceptions) is loaded; a missing class fails with NoClassDefFoundError.
 */
public final class Main {
    public static void main(String[] args) {
        KisClient kis = KisClient.builder()
                .endpoint("http://127.0.0.1:1")
                .credentials(KisCredentials.gateway("client", Secret.of("client-secret"), "app",
                        Secret.of("app-secret"), "host-check.example"))
                .retry(RetryOptions.disabled())
                .build();
        try {
            kis.call("/koas/app007104/api/material/list", Map.of("page", 1), true);
            throw new AssertionError("a call to 127.0.0.1:1 answered");
        } catch (QiaoException expected) {
            System.out.println("kis: " + kis + " -> " + expected.getClass().getSimpleName());
        }
    }
}
