package io.iou.spring.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.IouRegistrar;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of named IOUs ({@link IOU#named}), tagged by name: {@code iou.named.pending},
 * {@code iou.named.fulfilled}, {@code iou.named.rejected} (failures only) and
 * {@code iou.named.cancelled} (tagged {@code outcome} {@code cancelled} or {@code timed-out}), with the
 * meanings of the untagged {@link IouMetrics} totals. Unnamed IOUs cost one null check.
 *
 * <p>Names are bounded by {@link IouNameTags}: past the bound they count as {@code name=other}. They
 * are separate meters from the untagged {@code iou.*} totals, whose tag keys must stay the same for
 * every registry.
 */
public final class IouNamedMetrics implements IouHook, MeterBinder, AutoCloseable {

    /** The tag under which names past the bound are counted. */
    public static final String OTHER = IouNameTags.OTHER;

    private final IouNameTags nameTags;

    private final ConcurrentHashMap<String, Counts> byTag = new ConcurrentHashMap<>();

    private volatile @Nullable MeterRegistry registry;

    private final IouRegistrar hook = new IouRegistrar(() -> IouHooks.register(this));

    /**
     * Creates the metrics with a bound of their own; they count nothing until {@link #start()}.
     *
     * @param maxNames how many distinct names get their own tag; at least 1
     */
    public IouNamedMetrics(int maxNames) {
        this(new IouNameTags(maxNames));
    }

    /**
     * Creates the metrics; they count nothing until {@link #start()}.
     *
     * @param nameTags the bound on names, shared with the application's other IOU meters
     */
    public IouNamedMetrics(IouNameTags nameTags) {
        this.nameTags = nameTags;
    }

    /** Starts counting named IOUs created from now on. */
    public void start() {
        hook.start();
    }

    /** Stops counting, for good. */
    @Override
    public void close() {
        hook.close();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (byTag) {
            this.registry = registry;
            byTag.values().forEach(counts -> counts.register(registry));
        }
    }

    @Override
    public void created(IOU<?> iou) {
        String name = iou.name();
        if (name != null) {
            counts(name).created.increment();
        }
    }

    @Override
    public void fulfilled(IOU<?> iou) {
        String name = iou.name();
        if (name != null) {
            counts(name).fulfilled.increment();
        }
    }

    @Override
    public void rejected(IOU<?> iou, Throwable reason) {
        String name = iou.name();
        if (name != null) {
            counts(name).rejected.increment();
        }
    }

    @Override
    public void cancelled(IOU<?> iou, Throwable reason) {
        String name = iou.name();
        if (name != null) {
            Counts counts = counts(name);
            (IouOutcome.ofCancellation(reason) == IouOutcome.TIMED_OUT ? counts.timedOut : counts.cancelled).increment();
        }
    }

    /**
     * Returns the names that have their own tag.
     *
     * @return at most {@code maxNames} names
     */
    public Set<String> names() {
        return nameTags.names();
    }

    private Counts counts(String name) {
        String tag = nameTags.tag(name);
        Counts counts = byTag.get(tag);
        if (counts != null) {
            return counts;
        }
        synchronized (byTag) {
            counts = byTag.get(tag);
            if (counts == null) {
                counts = new Counts(tag);
                byTag.put(tag, counts);
                MeterRegistry bound = registry;
                if (bound != null) {
                    counts.register(bound);
                }
            }
            return counts;
        }
    }

    /** The counts of one name. */
    private static final class Counts {

        private final String name;

        private final LongAdder created = new LongAdder();

        private final LongAdder fulfilled = new LongAdder();

        private final LongAdder rejected = new LongAdder();

        private final LongAdder cancelled = new LongAdder();

        private final LongAdder timedOut = new LongAdder();

        Counts(String name) {
            this.name = name;
        }

        void register(MeterRegistry registry) {
            Gauge.builder("iou.named.pending", this, Counts::pending).tag("name", name)
                    .description("Named IOUs created and not yet settled, by name").register(registry);
            FunctionCounter.builder("iou.named.fulfilled", fulfilled, LongAdder::sum).tag("name", name)
                    .description("Named IOUs fulfilled, by name").register(registry);
            FunctionCounter.builder("iou.named.rejected", rejected, LongAdder::sum).tag("name", name)
                    .description("Named IOUs rejected by a failure, by name; cancellations and timeouts are in iou.named.cancelled")
                    .register(registry);
            cancelled(registry, IouOutcome.CANCELLED, cancelled);
            cancelled(registry, IouOutcome.TIMED_OUT, timedOut);
        }

        private void cancelled(MeterRegistry registry, IouOutcome outcome, LongAdder count) {
            FunctionCounter.builder("iou.named.cancelled", count, LongAdder::sum).tag("name", name)
                    .tag(IouOutcome.TAG, outcome.tagValue())
                    .description("Named IOUs cancelled or timed out (the consumer went away or gave up), by name")
                    .register(registry);
        }

        /** Settlements are read first, so that a racing settle can make it read low, never negative. */
        double pending() {
            long settled = fulfilled.sum() + rejected.sum() + cancelled.sum() + timedOut.sum();
            return Math.max(0, created.sum() - settled);
        }
    }
}
