package io.qiao.sync;

import io.qiao.sync.observe.SyncListener;

/**
 * The steps of a run that are retried on transient failures, each with the name listeners hear in
 * {@link SyncListener#retrying} and reports carry in "... failed" messages.
 */
enum RunStep {
    TAKE_LEASE("take lease"),
    LOAD_CHECKPOINT("load checkpoint"),
    LIST_OPEN_DEAD_LETTERS("list open dead letters"),
    /** Reading one window from its first record; the subject is the window's description. */
    READ_WINDOW("read window"),
    WRITE_BATCH("write batch"),
    WRITE_BATCH_AND_COMMIT("write batch and commit checkpoint"),
    STORE_DEAD_LETTER("store dead letter"),
    FLUSH_DEAD_LETTERS("flush dead letters"),
    RESOLVE_DEAD_LETTERS("resolve delivered dead letters"),
    COMMIT_CHECKPOINT("commit checkpoint");

    private final String label;

    RunStep(String label) {
        this.label = label;
    }

    /** The step's name, followed by {@code subject} (e.g. which window) when there is one. */
    String describe(String subject) {
        return subject == null ? label : label + " " + subject;
    }
}
