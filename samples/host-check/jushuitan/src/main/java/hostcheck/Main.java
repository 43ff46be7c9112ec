package hostcheck;

import io.qiao.client.QiaoException;
import io.qiao.client.RetryOptions;
import io.qiao.client.Secret;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.JushuitanCredentials;
import java.util.Map;

/**
 * A host that has only qiao-jushuitan-client: builds the client and makes one call to a port nothing listens on, so
 * the whole call path (token, signing, retry, JSON, exceptions) is loaded; a missing class fails with
 * NoClassDefFoundError.
 */
public final class Main {
    public static void main(String[] args) {
        JushuitanClient jst = JushuitanClient.builder()
                .endpoint("http://127.0.0.1:1")
                .credentials(JushuitanCredentials.of("app", Secret.of("app-secret")))
                .retry(RetryOptions.disabled())
                .build();
        try {
            jst.call("/open/wms/partner/query", Map.of("page_index", 1), true);
            throw new AssertionError("a call to 127.0.0.1:1 answered");
        } catch (QiaoException expected) {
            System.out.println("jushuitan: " + jst + " -> " + expected.getClass().getSimpleName());
        }
    }
}
