package io.iou;

import java.util.ArrayDeque;

import io.iou.IOU.Failure;
import io.iou.IOU.Tombstone;

import static io.iou.Completion.THROUGH_DEPENDENTS;
import static io.iou.Completion.WANTS;

/**
 * Cancellation by interest (see {@link IOU#cancel()}): when a dependent that wanted an IOU's outcome
 * is cancelled, it withdraws, and the IOU is cancelled only if no other dependent still wants it.
 * Nothing is counted while IOUs are added and settled: whether a dependent still wants the outcome is
 * read off the source's stack of completions ({@link Completion#interest()}) when one withdraws, so
 * the paths that never cancel pay nothing for this rule.
 */
final class Interest {

    private Interest() {
    }

    /** Withdrawals in progress on this thread, as pairs of source and withdrawing dependent; null when none. */
    private static final ThreadLocal<ArrayDeque<Object>> WITHDRAWALS = new ThreadLocal<>();

    /**
     * Dependent {@code hint}, on {@code source}'s stack, no longer wants its outcome: cancels
     * {@code source} unless another dependent still does, then withdraws {@code source} from its own
     * sources, and so on. Withdrawals that this causes (upstream, a join's inputs, a chained IOU's
     * source) are queued and run by the outermost call on this thread, so the walk is a loop however
     * long the chain. Only cancellation comes here: settling never does.
     */
    static void withdrawn(IOU<?> source, Completion hint) {
        if (source.result != null) {
            return;
        }
        ArrayDeque<Object> queued = WITHDRAWALS.get();
        if (queued != null) {
            queued.add(source);
            queued.add(hint);
            return;
        }
        queued = new ArrayDeque<>();
        WITHDRAWALS.set(queued);
        try {
            IOU<?> s = source;
            Completion h = hint;
            Failure unwanted = null;
            for (;;) {
                if (s.result == null && !wanted(s, h)) {
                    if (unwanted == null) {
                        unwanted = new Failure(new IouCancellationException(
                                "IOU was cancelled: every dependent that wanted its outcome was cancelled"), true);
                    }
                    if (s.trySettle(unwanted)) {
                        s.withdrawUpstream();
                        IOU.postComplete(s);
                    }
                }
                if (queued.isEmpty()) {
                    return;
                }
                s = (IOU<?>) queued.poll();
                h = (Completion) queued.poll();
            }
        }
        finally {
            WITHDRAWALS.remove();
        }
    }

    /**
     * Whether a completion on {@code source}'s stack still wants its outcome. Two cursors take turns:
     * one walks down from below {@code hint}, the other from the head down to {@code hint}, so a
     * fan-out cancelled in the order it was built, or in reverse, finds a waiting dependent within a
     * step or two. A consumer wants the outcome if a dependent of its own does; those are scanned from
     * a work list afterwards, not by recursion. Nodes below a pending IOU's head do not change, so the
     * answer is exact while {@code source} is pending; a settler draining the stack in place may make
     * it wrong, but the caller's cancel then fails, as the IOU has settled.
     */
    private static boolean wanted(IOU<?> source, Completion hint) {
        ArrayDeque<IOU<?>> consumers = new ArrayDeque<>();
        Completion below = hint != null ? hint.next : null;
        Completion above = source.stack;
        for (;;) {
            boolean belowDone = below == null || below instanceof Tombstone;
            boolean aboveDone = above == null || above == hint || above instanceof Tombstone;
            if (belowDone && aboveDone) {
                break;
            }
            if (!belowDone) {
                if (wants(below, consumers)) {
                    return true;
                }
                below = below.next;
            }
            if (!aboveDone) {
                if (wants(above, consumers)) {
                    return true;
                }
                above = above.next;
            }
        }
        for (IOU<?> consumer; (consumer = consumers.poll()) != null;) {
            for (Completion c = consumer.stack; c != null && !(c instanceof Tombstone); c = c.next) {
                if (wants(c, consumers)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code c} wants its source's outcome; a consumer goes on the work list to decide later. */
    private static boolean wants(Completion c, ArrayDeque<IOU<?>> consumers) {
        int interest = c.interest();
        if (interest == THROUGH_DEPENDENTS) {
            consumers.add((IOU<?>) c);
        }
        return interest == WANTS;
    }
}
