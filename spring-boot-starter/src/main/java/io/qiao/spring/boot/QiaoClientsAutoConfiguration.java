package io.qiao.spring.boot;

import io.qiao.archive.ArchiveClient;
import io.qiao.archive.ArchiveCredentials;
import io.qiao.client.ApiCallListener;
import io.qiao.client.ClientBuilder;
import io.qiao.client.Secret;
import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.JackyunCredentials;
import io.qiao.jushuitan.JushuitanClient;
import io.qiao.jushuitan.JushuitanCredentials;
import io.qiao.kis.KisClient;
import io.qiao.kis.KisCredentials;
import io.qiao.kis.KisGatewayCredentials;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One client bean per vendor whose {@code qiao.<vendor>.endpoint} is set, unless the application defines its own.
 * The clients keep their own object mappers: the host's {@code ObjectMapper} bean is neither used nor changed, so
 * neither the vendors' loose JSON nor the host's settings leak into the other. Every client reports its calls to
 * the {@link ApiCallListenerFactory} beans (the Micrometer one among them).
 */
@AutoConfiguration
@EnableConfigurationProperties(QiaoProperties.class)
public class QiaoClientsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JackyunClient.class)
    @ConditionalOnProperty(prefix = "qiao.jackyun", name = "endpoint")
    static class Jackyun {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        JackyunClient jackyunClient(QiaoProperties properties, ObjectProvider<ApiCallListenerFactory> listeners) {
            QiaoProperties.Jackyun p = properties.getJackyun();
            JackyunClient.Builder b = JackyunClient.builder()
                    .endpoint(endpoint("qiao.jackyun.endpoint", p.getEndpoint()))
                    .credentials(JackyunCredentials.of(required("qiao.jackyun.app-key", p.getAppKey()),
                            secret("qiao.jackyun.app-secret", p.getAppSecret())));
            return listen(b, "jackyun", listeners).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JushuitanClient.class)
    @ConditionalOnProperty(prefix = "qiao.jushuitan", name = "endpoint")
    static class Jushuitan {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        JushuitanClient jushuitanClient(QiaoProperties properties, ObjectProvider<ApiCallListenerFactory> listeners) {
            QiaoProperties.Jushuitan p = properties.getJushuitan();
            JushuitanCredentials.Builder credentials = JushuitanCredentials.builder()
                    .appKey(required("qiao.jushuitan.app-key", p.getAppKey()))
                    .appSecret(secret("qiao.jushuitan.app-secret", p.getAppSecret()));
            if (present(p.getAccessToken())) {
                credentials.accessToken(Secret.of(p.getAccessToken()));
            }
            JushuitanClient.Builder b = JushuitanClient.builder()
                    .endpoint(endpoint("qiao.jushuitan.endpoint", p.getEndpoint()))
                    .credentials(credentials.build());
            return listen(b, "jushuitan", listeners).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KisClient.class)
    @ConditionalOnProperty(prefix = "qiao.kis", name = "endpoint")
    static class Kis {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        KisClient kisClient(QiaoProperties properties, ObjectProvider<ApiCallListenerFactory> listeners) {
            QiaoProperties.Kis p = properties.getKis();
            KisGatewayCredentials.Builder c = KisCredentials.gatewayBuilder()
                    .clientId(required("qiao.kis.client-id", p.getClientId()))
                    .clientSecret(secret("qiao.kis.client-secret", p.getClientSecret()));
            if (present(p.getAppKey())) {
                c.appKey(p.getAppKey());
            }
            if (present(p.getAppSecret())) {
                c.appSecret(Secret.of(p.getAppSecret()));
            }
            if (present(p.getRouterAddress())) {
                c.routerAddress(p.getRouterAddress());
            }
            if (present(p.getOuterInstanceId())) {
                c.outerInstanceId(p.getOuterInstanceId());
            }
            KisGatewayCredentials credentials;
            try {
                credentials = c.build();
            } catch (IllegalStateException e) {
                // The credentials name the missing parts in Java terms; the user wrote properties.
                throw new IllegalStateException("qiao.kis: " + e.getMessage()
                        + " (properties qiao.kis.client-id, client-secret, app-key, app-secret, router-address or "
                        + "outer-instance-id)", e);
            }
            KisClient.Builder b = KisClient.builder()
                    .endpoint(endpoint("qiao.kis.endpoint", p.getEndpoint()))
                    .credentials(credentials);
            return listen(b, "kis", listeners).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ArchiveClient.class)
    @ConditionalOnProperty(prefix = "qiao.archive", name = "endpoint")
    static class Archive {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        ArchiveClient archiveClient(QiaoProperties properties, ObjectProvider<ApiCallListenerFactory> listeners) {
            QiaoProperties.Archive p = properties.getArchive();
            ArchiveClient.Builder b = ArchiveClient.builder()
                    .endpoint(endpoint("qiao.archive.endpoint", p.getEndpoint()))
                    .credentials(ArchiveCredentials.of(required("qiao.archive.app-key", p.getAppKey()),
                            secret("qiao.archive.app-secret", p.getAppSecret())));
            return listen(b, "archive", listeners).build();
        }
    }

    private static <B extends ClientBuilder<B>> B listen(B builder, String vendor,
                                                         ObjectProvider<ApiCallListenerFactory> factories) {
        List<ApiCallListener> all = new ArrayList<>();
        factories.orderedStream().forEach(f -> all.add(f.forVendor(vendor)));
        all.forEach(builder::listener);
        return builder;
    }

    static URI endpoint(String property, String value) {
        if (!present(value)) {
            // The condition matched on the key alone (e.g. qiao.jackyun.endpoint=${UNSET_VAR:}).
            throw new IllegalStateException(property + " is set but empty: give the vendor's URL or remove the key");
        }
        String v = value.trim();
        URI uri;
        try {
            uri = URI.create(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not a valid URL: " + e.getMessage(), e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalStateException(property + " must be an http(s) URL, was '" + v + "'");
        }
        return uri;
    }

    static String required(String property, String value) {
        if (!present(value)) {
            throw new IllegalStateException(property + " is required when " + property.substring(0,
                    property.lastIndexOf('.')) + ".endpoint is set");
        }
        return value.trim();
    }

    /** Like {@link #required}, and the message never carries the value (it may be half a secret). */
    static Secret secret(String property, String value) {
        if (!present(value)) {
            throw new IllegalStateException(property + " is required when " + property.substring(0,
                    property.lastIndexOf('.')) + ".endpoint is set (e.g. " + property + "=${ENV_VAR})");
        }
        return Secret.of(value);
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
