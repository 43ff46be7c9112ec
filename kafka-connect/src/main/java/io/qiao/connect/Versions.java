package io.qiao.connect;

/** The version every connector and task reports to the worker (its REST API and logs show it). */
final class Versions {
    private Versions() {
    }

    /** The jar's Implementation-Version, or "unknown" when run from classes (tests in an IDE). */
    static String qiao() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
