package io.qiao.jushuitan.internal;

import io.qiao.jushuitan.AccessToken;
import io.qiao.jushuitan.TokenStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentMap<String, AccessToken> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<AccessToken> load(String appKey) {
        return Optional.ofNullable(tokens.get(Objects.requireNonNull(appKey, "appKey")));
    }

    @Override
    public void save(String appKey, AccessToken token) {
        tokens.put(Objects.requireNonNull(appKey, "appKey"), Objects.requireNonNull(token, "token"));
    }

    @Override
    public void delete(String appKey) {
        tokens.remove(appKey);
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore{" + tokens.size() + " app keys}";
    }
}
