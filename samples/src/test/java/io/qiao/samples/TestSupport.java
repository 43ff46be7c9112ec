package io.qiao.samples;

import io.qiao.sync.Position;
import io.qiao.sync.Source;
import io.qiao.sync.Window;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Workspaces on simulators and an embedded H2 database in a temporary state directory, and a crashing source. */
final class TestSupport {
    private TestSupport() {
    }

    static Workspace simulated(Path stateDir) {
        return new Workspace(Settings.of(Map.of("state-dir", stateDir.toString(), "simulate", "true")),
                Clock.systemUTC());
    }

    /**
     * A source that dies once, in the middle of window {@code crashWindow} (0-based), after handing out
     * {@code afterRecords} of its records: a process killed mid-run, as far as the job can tell.
     */
    static <T> Source<T> crashingOnce(Source<T> inner, int crashWindow, int afterRecords) {
        AtomicBoolean crashed = new AtomicBoolean();
        return new Source<>() {
            @Override
            public Position initialPosition(Clock clock) {
                return inner.initialPosition(clock);
            }

            @Override
            public Iterator<Window<T>> windows(Position from, Clock clock) {
                Iterator<Window<T>> it = inner.windows(from, clock);
                AtomicInteger index = new AtomicInteger();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Window<T> next() {
                        Window<T> w = it.next();
                        int i = index.getAndIncrement();
                        return new Window<>() {
                            @Override
                            public String describe() {
                                return w.describe();
                            }

                            @Override
                            public Position endPosition() {
                                return w.endPosition();
                            }

                            @Override
                            public Iterator<T> records() {
                                Iterator<T> records = w.records();
                                if (i != crashWindow || crashed.get()) {
                                    return records;
                                }
                                AtomicInteger handed = new AtomicInteger();
                                return new Iterator<>() {
                                    @Override
                                    public boolean hasNext() {
                                        if (handed.get() >= afterRecords && crashed.compareAndSet(false, true)) {
                                            throw new IllegalStateException("simulated crash in window " + i);
                                        }
                                        return records.hasNext();
                                    }

                                    @Override
                                    public T next() {
                                        handed.incrementAndGet();
                                        return records.next();
                                    }
                                };
                            }
                        };
                    }
                };
            }
        };
    }
}
