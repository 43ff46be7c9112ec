package io.qiao.sync;

import java.time.Clock;
import java.util.Iterator;

/**
 * A source's windows without their positions inside ({@link Window#positionAfter}): the engine commits each one
 * whole, as it does a vendor's windows whose order is unknown. For tests of what happens between two commits.
 */
public final class WholeWindows {
    private WholeWindows() {
    }

    public static <T> Source<T> of(Source<T> source) {
        return new Source<>() {
            @Override
            public Iterator<Window<T>> windows(Position from, Clock clock) {
                Iterator<Window<T>> windows = source.windows(from, clock);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return windows.hasNext();
                    }

                    @Override
                    public Window<T> next() {
                        Window<T> w = windows.next();
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
                                return w.records();
                            }

                            @Override
                            public long pagesFetched() {
                                return w.pagesFetched();
                            }
                        };
                    }
                };
            }

            @Override
            public Position initialPosition(Clock clock) {
                return source.initialPosition(clock);
            }
        };
    }
}
