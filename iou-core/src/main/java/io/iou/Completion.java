package io.iou;

import org.jspecify.annotations.Nullable;

/**
 * A listener waiting on one IOU (its source). Completions sit on their source's lock-free stack,
 * linked through {@link #next}, until the source settles; then {@link IOU#postComplete} fires each
 * exactly once. Derived IOUs are completions themselves, so a chained stage costs one object.
 */
abstract class Completion {

    /** {@link #interest()}: only observes, so it never keeps the source from being cancelled. */
    static final int NONE = 0;

    /** {@link #interest()}: wants the source's outcome; the source is not cancelled while it waits. */
    static final int WANTS = 1;

    /** {@link #interest()}: wants the outcome only if one of its own dependents wants its outcome (a consumer). */
    static final int THROUGH_DEPENDENTS = 2;

    /** The next completion on the same stack; owned by whoever holds the stack or the detached list. */
    @Nullable Completion next;

    /**
     * Runs once the source has settled. Returns an IOU that this call settled and whose own
     * completions still have to run, so that the caller can run them in a loop instead of recursing
     * (stack safety), or {@code null}.
     */
    abstract IOU<?> fire();

    /**
     * Whether this completion takes charge of a rejection of its source. Watchers that only react to
     * cancellation or stop a timer do not, so they do not hide an unhandled rejection.
     */
    boolean handlesRejection() {
        return true;
    }

    /**
     * Whether this completion still wants its source's outcome, which decides whether withdrawing
     * another dependent's interest cancels the source (see {@link IOU#cancel()}). Read only on
     * that path, never while settling. Observers keep the default.
     *
     * @return {@link #NONE}, {@link #WANTS} or {@link #THROUGH_DEPENDENTS}
     */
    int interest() {
        return NONE;
    }
}
