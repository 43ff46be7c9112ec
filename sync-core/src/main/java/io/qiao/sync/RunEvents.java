package io.qiao.sync;

import io.qiao.sync.observe.SyncListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a job's listeners what a run does; a listener that throws is logged and ignored, never fails the run. */
final class RunEvents {
    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);

    private final List<SyncListener> listeners;

    RunEvents(List<SyncListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void emit(Consumer<SyncListener> event) {
        for (SyncListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("sync listener {} failed; ignoring it: {}", l.getClass().getName(), e.toString());
            }
        }
    }
}
