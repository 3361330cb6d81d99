package io.iou;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.iou.IOU.Failure;

/**
 * The joins: {@link IOU#all}, {@link IOU#any}, {@link IOU#race} and {@link IOU#allSettled}. A join is an
 * IOU that waits on its inputs through one {@link Slot} each; it settles as its mode says, and once
 * it settles early (race decided, first value of any, first failure of all) it withdraws from the
 * inputs still pending, which cancels each that no other dependent wants.
 */
final class Join<T, R> extends IOU<R> {

    static final int ALL = 0;

    static final int ANY = 1;

    static final int RACE = 2;

    static final int SETTLED = 3;

    private static final VarHandle REMAINING;

    static {
        try {
            REMAINING = MethodHandles.lookup().findVarHandle(Join.class, "remaining", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Executor executor;

    private final int mode;

    private final Object[] values;

    private volatile int remaining;

    /** One per input; cleared once the join settles, so that long-lived inputs do not keep it. */
    private volatile Slot[] slots;

    private Join(int mode, int size, Executor executor) {
        this.executor = executor;
        this.mode = mode;
        this.values = new Object[size];
        this.remaining = size;
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @SuppressWarnings("unchecked")
    static <T, R> IOU<R> start(int mode, Collection<? extends IOU<? extends T>> ious) {
        Objects.requireNonNull(ious, "ious");
        IOU<?>[] inputs = ious.toArray(new IOU<?>[0]);
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                // not requireNonNull(x, message): that would build the message for every input
                throw new NullPointerException("ious[" + i + "]");
            }
        }
        Join<T, R> join = new Join<>(mode, inputs.length, inputs.length == 0 ? null : inputs[0].executor());
        if (inputs.length == 0) {
            join.settle(mode == ANY
                    ? new Failure(new IouAggregateException("any() of no IOUs", List.of()))
                    : List.of());
            return join;
        }
        Slot[] slots = new Slot[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            slots[i] = new Slot(join, i, inputs[i]);
        }
        join.slots = slots;
        for (Slot slot : slots) {
            // even once the join has settled, the slot takes charge of its input's rejection
            slot.source.addCompletion(slot);
        }
        return join;
    }

    /** Records input {@code index}; returns this join if that settled it. */
    IOU<?> arrive(int index, Object r) {
        Object outcome = switch (mode) {
            case ALL -> r instanceof Failure ? r : last(index, decode(r)) ? allValues() : null;
            case ANY -> r instanceof Failure failure
                    ? last(index, failure.reason) ? aggregate() : null
                    : r;
            case RACE -> r;
            default -> last(index, r instanceof Failure failure
                    ? new Outcome.Rejected<>(failure.reason)
                    : new Outcome.Fulfilled<>(decode(r))) ? allValues() : null;
        };
        if (outcome == null || !trySettle(outcome)) {
            return null;
        }
        Slot[] inputs = slots;
        release();
        if (mode == RACE || mode == ALL && r instanceof Failure || mode == ANY && !(r instanceof Failure)) {
            // settled before every input did: the others are not needed any more
            withdrawFrom(inputs);
        }
        return this;
    }

    private boolean last(int index, Object value) {
        values[index] = value;
        return (int) REMAINING.getAndAdd(this, -1) == 1;
    }

    private List<Object> allValues() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    private Failure aggregate() {
        List<Throwable> reasons = new ArrayList<>(values.length);
        for (Object reason : values) {
            reasons.add((Throwable) reason);
        }
        return new Failure(new IouAggregateException("all " + values.length + " IOUs were rejected", reasons));
    }

    private void release() {
        Slot[] s = slots;
        slots = null;
        if (s != null) {
            for (Slot slot : s) {
                slot.join = null;
            }
        }
    }

    @Override
    void withdrawUpstream() {
        Slot[] inputs = slots;
        release();
        withdrawFrom(inputs);
    }

    /** Withdraws the released {@code inputs}' slots from the inputs still pending. */
    private static void withdrawFrom(Slot[] inputs) {
        if (inputs != null) {
            for (Slot slot : inputs) {
                Interest.withdrawn(slot.source, slot);
            }
        }
    }

    /** The completion of one input. */
    static final class Slot extends Completion {

        /**
         * Cleared once the join settles, only so that a long-lived input does not keep it: not
         * volatile, as a stale read is harmless (arriving at a settled join changes nothing) and
         * a volatile write per input cost the join a memory fence per input.
         */
        Join<?, ?> join;

        final int index;

        final IOU<?> source;

        Slot(Join<?, ?> join, int index, IOU<?> source) {
            this.join = join;
            this.index = index;
            this.source = source;
        }

        @Override
        IOU<?> fire() {
            Join<?, ?> j = join;
            return j == null ? null : j.arrive(index, source.result);
        }

        @Override
        int interest() {
            Join<?, ?> j = join;
            return j != null && j.result == null ? WANTS : NONE;
        }
    }
}
