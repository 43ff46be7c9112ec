package io.qiao.sync;

import io.qiao.sync.store.DeadLetter;
import io.qiao.sync.store.DeadLetterStore;
import io.qiao.sync.record.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A dead-letter store that forwards to another; tests override single methods to observe or break them. */
class ForwardingDeadLetterStore implements DeadLetterStore {
    private final DeadLetterStore delegate;

    ForwardingDeadLetterStore(DeadLetterStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public DeadLetter add(String job, String key, String payload, Rejection.Stage stage, List<String> reasons,
                          String window, Instant now) {
        return delegate.add(job, key, payload, stage, reasons, window, now);
    }

    @Override
    public List<DeadLetter> list(String job, boolean includeResolved, int limit) {
        return delegate.list(job, includeResolved, limit);
    }

    @Override
    public void resolve(String job, List<String> ids, Instant now) {
        delegate.resolve(job, ids, now);
    }

    @Override
    public int purge(String job, boolean resolvedOnly) {
        return delegate.purge(job, resolvedOnly);
    }

    @Override
    public Map<String, Long> summary(String job, Instant from, Instant to) {
        return delegate.summary(job, from, to);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public Optional<DeadLetter> find(String job, String id) {
        return delegate.find(job, id);
    }
}
