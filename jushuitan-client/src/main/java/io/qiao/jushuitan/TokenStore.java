package io.qiao.jushuitan;

import io.qiao.jushuitan.internal.FileTokenStore;
import io.qiao.jushuitan.internal.InMemoryTokenStore;
import io.qiao.jushuitan.internal.JdbcTokenStore;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where the client keeps access tokens between calls and between runs, keyed by app key. The client reads
 * the store before it asks the vendor for a token, so a token saved by another process (or by the host
 * application's own authorisation callback, for ISV apps) is picked up.
 *
 * <p>Implementations must be thread-safe. The client serialises its own token requests, so a store need
 * not lock; a store shared by several processes should make {@link #save} atomic.
 */
public interface TokenStore {

    Optional<AccessToken> load(String appKey);

    void save(String appKey, AccessToken token);

    /** Forgets the token of an app key (after the vendor rejected it for good). */
    void delete(String appKey);

    /** Tokens in this process's memory only: every restart asks the vendor again. The default. */
    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }

    /**
     * Tokens in a JSON file, written atomically (temporary file, fsync, rename) and readable by the owner only.
     * Survives restarts, so a restart does not cost a token request.
     */
    static TokenStore file(Path file) {
        return new FileTokenStore(file);
    }

    /**
     * Tokens in the table {@code qiao_jushuitan_token} of the application's database (created if missing), so
     * that all replicas of the application share one token per app key.
     */
    static TokenStore jdbc(DataSource dataSource) {
        return new JdbcTokenStore(dataSource, "qiao_jushuitan_token");
    }

    /** As {@link #jdbc(DataSource)} with another table name. */
    static TokenStore jdbc(DataSource dataSource, String table) {
        return new JdbcTokenStore(dataSource, table);
    }
}
