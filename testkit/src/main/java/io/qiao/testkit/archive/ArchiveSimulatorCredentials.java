package io.qiao.testkit.archive;

import java.util.Objects;

/**
 * The credentials an {@link ArchiveSimulator} accepts: what an archive client needs besides the
 * {@linkplain ArchiveSimulator#endpoint() endpoint} (plain strings: the testkit depends on no Qiao client code).
 *
 * @param appKey    the {@code appKey} of {@code POST /api/auth/token}
 * @param appSecret the {@code appSecret} of {@code POST /api/auth/token}
 */
public record ArchiveSimulatorCredentials(String appKey, String appSecret) {
    public ArchiveSimulatorCredentials {
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
    }

    /** Names the app key only: the secret stays out of logs and assertion messages. */
    @Override
    public String toString() {
        return "ArchiveSimulatorCredentials{appKey=" + appKey + ", appSecret=***}";
    }
}
