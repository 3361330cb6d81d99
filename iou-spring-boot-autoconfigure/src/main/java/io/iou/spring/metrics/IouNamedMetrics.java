package io.iou.spring.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of named IOUs ({@link IOU#named}), tagged by name: {@code iou.named.pending},
 * {@code iou.named.fulfilled} and {@code iou.named.rejected}. Unnamed IOUs cost one null check.
 *
 * <p>Names are meant to be few and fixed ("fetch-person"); so that a caller that puts ids or user input
 * in names cannot blow up the metrics' cardinality, only the first {@code maxNames} distinct names get
 * their own tag and every later one is counted under {@code name=other}. They are separate meters
 * from the untagged {@code iou.*} totals, whose tag keys must stay the same for every registry.
 */
public final class IouNamedMetrics implements IouHook, MeterBinder, AutoCloseable {

    /** The tag under which names past the bound are counted. */
    public static final String OTHER = "other";

    private final int maxNames;

    private final ConcurrentHashMap<String, Counts> byName = new ConcurrentHashMap<>();

    private final Counts other = new Counts(OTHER);

    private volatile @Nullable MeterRegistry registry;

    private IouHooks.@Nullable Registration registration;

    /**
     * Creates the metrics; they count nothing until {@link #start()}.
     *
     * @param maxNames how many distinct names get their own tag; at least 1
     */
    public IouNamedMetrics(int maxNames) {
        if (maxNames < 1) {
            throw new IllegalArgumentException("maxNames must be at least 1 but was " + maxNames);
        }
        this.maxNames = maxNames;
    }

    /** Starts counting named IOUs created from now on. */
    public synchronized void start() {
        if (registration == null) {
            registration = IouHooks.register(this);
        }
    }

    /** Stops counting. */
    @Override
    public synchronized void close() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (byName) {
            this.registry = registry;
            byName.values().forEach(counts -> counts.register(registry));
            other.register(registry);
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

    /**
     * Returns the names that have their own tag.
     *
     * @return at most {@code maxNames} names
     */
    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    private Counts counts(String name) {
        Counts counts = byName.get(name);
        if (counts != null) {
            return counts;
        }
        synchronized (byName) {
            counts = byName.get(name);
            if (counts == null) {
                if (byName.size() >= maxNames) {
                    return other;
                }
                counts = new Counts(name);
                byName.put(name, counts);
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

        Counts(String name) {
            this.name = name;
        }

        void register(MeterRegistry registry) {
            Gauge.builder("iou.named.pending", this, Counts::pending).tag("name", name)
                    .description("Named IOUs created and not yet settled, by name").register(registry);
            FunctionCounter.builder("iou.named.fulfilled", fulfilled, LongAdder::sum).tag("name", name)
                    .description("Named IOUs fulfilled, by name").register(registry);
            FunctionCounter.builder("iou.named.rejected", rejected, LongAdder::sum).tag("name", name)
                    .description("Named IOUs rejected, by name").register(registry);
        }

        /** Settlements are read first, so that a racing settle can make it read low, never negative. */
        double pending() {
            long settled = fulfilled.sum() + rejected.sum();
            return Math.max(0, created.sum() - settled);
        }
    }
}
