package io.qiao.connect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of {@link QiaoKisSinkConnector}: the CLI's KIS settings ({@code kis.*}) under {@code qiao.kis.*}.
 */
final class KisSinkConfig extends AbstractConfig {
    static final String ENDPOINT = "qiao.kis.endpoint";
    static final String CLIENT_ID = "qiao.kis.client-id";
    static final String CLIENT_SECRET = "qiao.kis.client-secret";
    static final String APP_KEY = "qiao.kis.app-key";
    static final String APP_SECRET = "qiao.kis.app-secret";
    static final String ROUTER_ADDRESS = "qiao.kis.router-address";
    static final String OUTER_INSTANCE_ID = "qiao.kis.outer-instance-id";
    static final String MATERIAL_FIELD = "qiao.kis.material-field";
    static final String STOCK_IDS = "qiao.kis.stock-ids";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(ENDPOINT, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The 金蝶 KIS gateway")
            .define(CLIENT_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The gateway application's client id")
            .define(CLIENT_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "Its client secret")
            .define(APP_KEY, Type.STRING, null, Importance.HIGH, "The app key of the account's authorisation")
            .define(APP_SECRET, Type.PASSWORD, null, Importance.HIGH, "Its app secret")
            .define(ROUTER_ADDRESS, Type.STRING, null, Importance.HIGH,
                    "The account's gateway route (X-GW-Router-Addr); or qiao.kis.outer-instance-id to discover it")
            .define(OUTER_INSTANCE_ID, Type.STRING, null, Importance.MEDIUM, "The instance to discover the route from")
            .define(MATERIAL_FIELD, Type.STRING, "FNumber", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "The material field matched against sku_id: FNumber, or a custom field such as F_103")
            .define(STOCK_IDS, Type.LIST, "", Importance.MEDIUM,
                    "聚水潭 wh_id to KIS FDCStockID, e.g. 1:001,2:002; a warehouse not listed uses its wh_id as three digits");

    final Map<Long, String> stockIds;

    KisSinkConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        this.stockIds = stockIds(getList(STOCK_IDS));
    }

    private static Map<Long, String> stockIds(List<String> specs) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] parts = spec.trim().split(":", 2);
            try {
                if (parts.length != 2 || parts[1].isBlank()) {
                    throw new NumberFormatException();
                }
                out.put(Long.parseLong(parts[0].trim()), parts[1].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(STOCK_IDS, String.join(",", specs), "'" + spec + "' is not wh_id:FDCStockID");
            }
        }
        return Map.copyOf(out);
    }
}
