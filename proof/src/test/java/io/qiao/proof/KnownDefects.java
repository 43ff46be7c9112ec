package io.qiao.proof;

import java.util.List;

/**
 * Defects the fuzzing found in modules this one does not own, each reported with a failing regression test left
 * {@code @Disabled} in {@link KnownDefectsTest}. The fuzz properties accept exactly these failures (matched by
 * exception type and the frame that throws) so that they keep hunting for new ones; delete an entry when its
 * regression test passes.
 */
final class KnownDefects {
    /** An exception type and a method that must be on its stack. */
    record Defect(String description, Class<? extends Throwable> type, String frame) {
    }

    static final List<Defect> ALL = List.of(
            new Defect("archive-client: a null element in the records array of a query answer ends in a "
                    + "NullPointerException from Page (Archives.fetchPage adds the null that Json.convert returns)",
                    NullPointerException.class, "io.qiao.archive.Archives.fetchPage"));

    private KnownDefects() {
    }

    static boolean matches(Throwable t) {
        if (t == null) {
            return false;
        }
        for (Defect d : ALL) {
            if (d.type().isInstance(t)) {
                for (StackTraceElement e : t.getStackTrace()) {
                    if ((e.getClassName() + "." + e.getMethodName()).equals(d.frame())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
