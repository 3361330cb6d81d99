package io.iou.spring.metrics;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.IouRegistrar;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer metrics for every IOU in the JVM, {@code new IOU<>()} included:
 * <ul>
 * <li>{@value #PENDING} (gauge): IOUs created and not yet settled;</li>
 * <li>{@value #FULFILLED} (counter): IOUs fulfilled;</li>
 * <li>{@value #REJECTED} (counter): IOUs rejected by a failure of the work;</li>
 * <li>{@value #CANCELLED} (counter, tagged {@code outcome=cancelled} or {@code outcome=timed-out}): IOUs
 * cancelled or timed out, and those rejected because an IOU they waited on was: the consumer went away
 * or gave up rather than the work failing;</li>
 * <li>{@value #REJECTED_UNHANDLED} (counter): rejections no handler ever observed.</li>
 * </ul>
 * Every IOU settles exactly once, as one of fulfilled, rejected or cancelled, so the three add up to
 * the IOUs settled. Cancellations are kept out of {@value #REJECTED} so that its rate is an error rate
 * a client hanging up does not move, and they share one meter, told apart by a tag, because both mean
 * the same thing to a dashboard: nobody wanted the result any more.
 *
 * <p>It counts through an {@link IouHook}, registered with {@link IouHooks} when first bound to a
 * registry and unregistered by {@link #close()}. The hook runs on the IOU's hot path, so each event
 * costs a plain store into a counter cell of the current thread, with no atomic instruction; the
 * meters add the cells up when read.
 *
 * <p>Counting starts at registration, which the auto-configuration does at startup: an IOU created
 * earlier and settled later is counted as settled but was never counted as pending, so the gauge
 * (kept at zero or above) may read low by that many. An IOU abandoned while pending stays pending,
 * which makes the gauge a leak signal. An unhandled rejection is counted when the core reports it:
 * once the rejected IOU has become unreachable, that is, after a garbage collection.
 */
public final class IouMetrics implements MeterBinder, IouHook, AutoCloseable {

    /** Name of the gauge of pending IOUs. */
    public static final String PENDING = "iou.pending";

    /** Name of the counter of fulfilled IOUs. */
    public static final String FULFILLED = "iou.fulfilled";

    /** Name of the counter of rejected IOUs. */
    public static final String REJECTED = "iou.rejected";

    /** Name of the counter of cancelled and timed-out IOUs, tagged {@code outcome}. */
    public static final String CANCELLED = "iou.cancelled";

    /** Name of the counter of rejections nobody handled. */
    public static final String REJECTED_UNHANDLED = "iou.rejected.unhandled";

    private static final int COUNT_CREATED = 0;

    private static final int COUNT_FULFILLED = 1;

    private static final int COUNT_REJECTED = 2;

    private static final int COUNT_CANCELLED = 3;

    private static final int COUNT_TIMED_OUT = 4;

    private static final int COUNT_UNHANDLED = 5;

    private final PerThreadCounts counts = new PerThreadCounts(6);

    private final IouRegistrar hook = new IouRegistrar(() -> IouHooks.register(this));

    /** Creates the metrics; they count from the first {@link #bindTo} on. */
    public IouMetrics() {
    }

    /**
     * Registers the IOU meters with {@code registry} and, on the first call, starts counting.
     *
     * @param registry where the meters go
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PENDING, this, IouMetrics::pending)
            .description("IOUs created and not yet fulfilled or rejected")
            .strongReference(true)
            .register(registry);
        FunctionCounter.builder(FULFILLED, this, (metrics) -> metrics.counts.sum(COUNT_FULFILLED))
            .description("IOUs fulfilled")
            .register(registry);
        FunctionCounter.builder(REJECTED, this, (metrics) -> metrics.counts.sum(COUNT_REJECTED))
            .description("IOUs rejected by a failure; cancellations and timeouts are counted in iou.cancelled")
            .register(registry);
        cancelled(registry, IouOutcome.CANCELLED, COUNT_CANCELLED);
        cancelled(registry, IouOutcome.TIMED_OUT, COUNT_TIMED_OUT);
        FunctionCounter.builder(REJECTED_UNHANDLED, this, (metrics) -> metrics.counts.sum(COUNT_UNHANDLED))
            .description("Rejected IOUs that became unreachable without any handler having observed the rejection")
            .register(registry);
        this.hook.start();
    }

    private void cancelled(MeterRegistry registry, IouOutcome outcome, int counter) {
        FunctionCounter.builder(CANCELLED, this, (metrics) -> metrics.counts.sum(counter))
            .tag(IouOutcome.TAG, outcome.tagValue())
            .description("IOUs cancelled or timed out: the consumer went away or gave up rather than the work failing")
            .register(registry);
    }

    /** Stops counting, for good: unregisters the hook. The meters keep their last values. */
    @Override
    public void close() {
        this.hook.close();
    }

    private double pending() {
        // settled is read first: an IOU settling meanwhile can then only make the result larger
        long settled = this.counts.sum(COUNT_FULFILLED) + this.counts.sum(COUNT_REJECTED)
                + this.counts.sum(COUNT_CANCELLED) + this.counts.sum(COUNT_TIMED_OUT);
        return Math.max(0, this.counts.sum(COUNT_CREATED) - settled);
    }

    /**
     * Counts a new IOU; called by the core.
     *
     * @param iou the new IOU
     */
    @Override
    public void created(IOU<?> iou) {
        this.counts.increment(COUNT_CREATED);
    }

    /**
     * Counts a fulfilment; called by the core.
     *
     * @param iou the IOU
     */
    @Override
    public void fulfilled(IOU<?> iou) {
        this.counts.increment(COUNT_FULFILLED);
    }

    /**
     * Counts a rejection by a failure; called by the core.
     *
     * @param iou the IOU
     * @param reason why it was rejected
     */
    @Override
    public void rejected(IOU<?> iou, Throwable reason) {
        this.counts.increment(COUNT_REJECTED);
    }

    /**
     * Counts a cancellation or a timeout; called by the core.
     *
     * @param iou the IOU
     * @param reason the cancellation, or the timeout
     */
    @Override
    public void cancelled(IOU<?> iou, Throwable reason) {
        this.counts.increment(IouOutcome.ofCancellation(reason) == IouOutcome.TIMED_OUT ? COUNT_TIMED_OUT : COUNT_CANCELLED);
    }

    /**
     * Counts a rejection nobody handled; called by the core.
     *
     * @param reason the rejection
     */
    @Override
    public void unhandledRejection(Throwable reason) {
        this.counts.increment(COUNT_UNHANDLED);
    }
}
