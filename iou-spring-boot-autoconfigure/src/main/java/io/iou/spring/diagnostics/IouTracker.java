package io.iou.spring.diagnostics;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.IouRegistrar;
import org.jspecify.annotations.Nullable;

/**
 * Tracks every pending IOU in the JVM, so that the one that never settles can be found: its name,
 * its age, what waits on it and, optionally, the stack frame that created it.
 *
 * <p>Settled IOUs leave the tracker as they settle. The tracker holds IOUs only weakly: an IOU that
 * is dropped while pending leaves it when collected and is counted as abandoned, since nothing can
 * ever settle it. Tracking costs a weak reference and a map entry per IOU, and a stack walk per IOU
 * when creation sites are captured; {@link #start()} registers it as an {@link IouHook}.
 */
public final class IouTracker implements IouHook, AutoCloseable {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Where the library's own classes come from: core, and its Spring integration. */
    private static final ProtectionDomain CORE = IOU.class.getProtectionDomain();

    private static final ProtectionDomain SPRING = IouTracker.class.getProtectionDomain();

    private final ConcurrentHashMap<Object, Tracked> pending = new ConcurrentHashMap<>();

    private final ReferenceQueue<IOU<?>> collected = new ReferenceQueue<>();

    private final LongAdder abandoned = new LongAdder();

    private final boolean captureCreationSite;

    private final IouRegistrar hook = new IouRegistrar(() -> IouHooks.register(this));

    /**
     * Creates a tracker; it tracks nothing until {@link #start()}.
     *
     * @param captureCreationSite whether to record the first stack frame outside IOU that created
     * each IOU (a stack walk per IOU)
     */
    public IouTracker(boolean captureCreationSite) {
        this.captureCreationSite = captureCreationSite;
    }

    /** Starts tracking IOUs created from now on. */
    public void start() {
        hook.start();
    }

    /** Stops tracking, for good, and forgets what was tracked. */
    @Override
    public void close() {
        hook.close();
        pending.clear();
    }

    @Override
    public void created(IOU<?> iou) {
        expungeCollected();
        Tracked tracked = new Tracked(iou, collected, captureCreationSite ? creationSite() : null);
        pending.put(tracked, tracked);
    }

    @Override
    public void fulfilled(IOU<?> iou) {
        settled(iou);
    }

    @Override
    public void rejected(IOU<?> iou, Throwable reason) {
        settled(iou);
    }

    private void settled(IOU<?> iou) {
        Tracked tracked = pending.remove(new Probe(iou));
        if (tracked != null) {
            // a settled IOU is no longer of interest when it is collected
            tracked.clear();
        }
    }

    /**
     * Returns how many tracked IOUs are pending.
     *
     * @return the count
     */
    public int pendingCount() {
        expungeCollected();
        return pending.size();
    }

    /**
     * Returns how many IOUs were garbage collected while pending: dropped by the code that should
     * have settled them.
     *
     * @return the count since the tracker started
     */
    public long abandonedCount() {
        expungeCollected();
        return abandoned.sum();
    }

    /**
     * Whether creation sites are recorded.
     *
     * @return true if each {@link PendingIou} has a creation site
     */
    public boolean capturesCreationSite() {
        return captureCreationSite;
    }

    /**
     * Returns the pending IOUs, oldest first.
     *
     * @param limit at most this many
     * @return a snapshot
     */
    public List<PendingIou> oldest(int limit) {
        expungeCollected();
        long now = System.nanoTime();
        return pending.values().stream()
                .sorted(Comparator.comparingLong((Tracked tracked) -> tracked.createdNanos))
                .map(tracked -> tracked.describe(now))
                .filter(java.util.Objects::nonNull)
                .limit(limit)
                .toList();
    }

    private void expungeCollected() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            if (pending.remove(ref) != null) {
                abandoned.increment();
            }
        }
    }

    private static @Nullable String creationSite() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !isIou(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.toStackTraceElement().toString())
                .orElse(null));
    }

    /**
     * Whether a frame is the library's own. Decided by where the class was loaded from rather than by
     * its package, so that an application's classes are never mistaken for the library's.
     */
    private static boolean isIou(Class<?> type) {
        ProtectionDomain domain = type.getProtectionDomain();
        return domain == CORE || domain == SPRING;
    }

    /**
     * One pending IOU, as the {@code ious} endpoint shows it.
     *
     * @param name the name given by {@link IOU#named}, or null
     * @param age how long it has been pending
     * @param waitingHandlers how many handlers, chained IOUs and watchers wait on it
     * @param createdAt the first stack frame outside IOU that created it, when captured
     */
    public record PendingIou(@Nullable String name, Duration age, int waitingHandlers, @Nullable String createdAt) {
    }

    /** The map entry of one IOU: weak, so that tracking never keeps an IOU alive. */
    private static final class Tracked extends WeakReference<IOU<?>> {

        private final int hash;

        private final long createdNanos = System.nanoTime();

        private final @Nullable String name;

        private final @Nullable String site;

        Tracked(IOU<?> iou, ReferenceQueue<IOU<?>> queue, @Nullable String site) {
            super(iou, queue);
            this.hash = System.identityHashCode(iou);
            this.name = iou.name();
            this.site = site;
        }

        @Nullable PendingIou describe(long now) {
            IOU<?> iou = get();
            if (iou == null || !iou.isPending()) {
                return null;
            }
            return new PendingIou(name, Duration.ofNanos(now - createdNanos), iou.waitingHandlers(), site);
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Probe probe && probe.iou == get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** Looks a tracked IOU up by identity without allocating a weak reference. */
    private static final class Probe {

        private final IOU<?> iou;

        Probe(IOU<?> iou) {
            this.iou = iou;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tracked tracked && tracked.get() == iou;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(iou);
        }
    }
}
