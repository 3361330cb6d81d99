package io.iou;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Tracks the pending IOUs of the JVM, cheaply enough to leave on: which IOU never settles, how old
 * it is, and how many IOUs were garbage collected while pending (abandoned: nothing can ever settle
 * them). Register it as a hook ({@link IouHooks#register}) to track IOUs created from then on, and
 * {@link #close()} it when done.
 *
 * <p>How it stays cheap: most IOUs settle within microseconds, so it takes no map entry, no weak
 * reference and no clock reading per IOU. Each new IOU gets a small marker on its own stack of
 * completions, which the IOU fires as it settles, and the marker goes into a short array of one of
 * several stripes (chosen by thread, guarded by a spin lock that is practically never contended). When a
 * stripe's array is full, and every second, its markers are sorted out: those whose IOU settled are
 * dropped, and only an IOU still pending then gets a weak reference (so that tracking never keeps an
 * IOU alive) and joins the stripe's list of long-pending IOUs. That list is swept every second and on
 * every query. Meanwhile the array holds its pending IOUs strongly, so an IOU dropped while pending is
 * counted as abandoned once it has moved to the list and the garbage collector has cleared it: within
 * a second or two of a collection. An IOU's age is counted from the moment the first IOU of its array
 * arrived, so it is accurate to about a second.
 */
public final class PendingIous implements IouHook, AutoCloseable {

    /** Markers per stripe before the stripe is sorted out. */
    private static final int SLOTS = 128;

    private static final long SWEEP_NANOS = 1_000_000_000L;

    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(Stripe.class, "lock", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Stripe[] stripes;

    private final @Nullable Supplier<@Nullable String> creationSite;

    private final AtomicLong abandoned = new AtomicLong();

    /** The periodic sweep, started with the first tracked IOU; guarded by {@code this}. */
    private IouTimer.@Nullable Timeout sweeper;

    /** Set once the first IOU is tracked, so that the hot path reads a plain field. */
    private boolean sweeping;

    private volatile boolean closed;

    /**
     * Creates a tracker; it tracks IOUs once registered as a hook.
     *
     * @param creationSite called as each IOU is created, on the creating thread, to describe where it
     *        was created (a stack walk, say), or {@code null} to record no creation sites
     */
    public PendingIous(@Nullable Supplier<@Nullable String> creationSite) {
        this.creationSite = creationSite;
        int n = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            this.stripes[i] = new Stripe();
        }
    }

    /**
     * Tracks a new IOU. Called by the IOU's constructor, through {@link IouHooks}: only then is the
     * IOU seen by this thread alone, which is what lets its marker be attached with plain writes.
     *
     * @param iou the IOU being created
     */
    @Override
    public void created(IOU<?> iou) {
        if (closed) {
            return;
        }
        Supplier<@Nullable String> sites = creationSite;
        Marker marker = sites == null ? new Marker(iou) : new SitedMarker(iou, sites.get());
        // the constructor runs on this thread and the IOU is not published yet: plain writes suffice,
        // and the IOU fires the marker as it settles (IOU#settleUnseen covers IOUs born settled)
        marker.next = iou.stack;
        iou.stack = marker;
        if (!sweeping) {
            startSweeping();
        }
        @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
        long id = Thread.currentThread().getId();
        Stripe stripe = stripes[(int) (id ^ (id >>> 16)) & (stripes.length - 1)];
        stripe.lock();
        try {
            stripe.add(marker, this);
        }
        finally {
            stripe.unlock();
        }
    }

    /**
     * Returns how many tracked IOUs are pending.
     *
     * @return the count
     */
    public int pendingCount() {
        int n = 0;
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                stripe.sortOut();
                stripe.sweep(this);
                n += stripe.old.size();
            }
            finally {
                stripe.unlock();
            }
        }
        return n;
    }

    /**
     * Returns how many tracked IOUs were garbage collected while pending: dropped by the code that
     * should have settled them.
     *
     * @return the count since tracking started
     */
    public long abandonedCount() {
        sweepAll();
        return abandoned.get();
    }

    /**
     * Returns the pending IOUs, oldest first.
     *
     * @param limit at most this many
     * @return a snapshot
     */
    public List<Pending> oldest(int limit) {
        List<Tracked> all = new ArrayList<>();
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                stripe.sortOut();
                stripe.sweep(this);
                all.addAll(stripe.old);
            }
            finally {
                stripe.unlock();
            }
        }
        long now = System.nanoTime();
        return all.stream()
                .sorted(Comparator.comparingLong((Tracked tracked) -> tracked.createdNanos))
                .map(tracked -> tracked.describe(now))
                .filter(java.util.Objects::nonNull)
                .limit(limit)
                .toList();
    }

    /** Stops the sweep and forgets what was tracked; IOUs created later are not tracked. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (sweeper != null) {
                sweeper.cancel();
                sweeper = null;
            }
        }
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                stripe.clear();
            }
            finally {
                stripe.unlock();
            }
        }
    }

    private synchronized void startSweeping() {
        if (!sweeping && !closed) {
            Sweep sweep = new Sweep(this);
            sweeper = DaemonTimer.every(SWEEP_NANOS, sweep);
            sweep.self = sweeper;
            sweeping = true;
        }
    }

    private void sweepAll() {
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                stripe.sortOut();
                stripe.sweep(this);
            }
            finally {
                stripe.unlock();
            }
        }
    }

    /**
     * The periodic sweep. It holds the tracker weakly, so that a tracker dropped without being closed
     * does not stay alive through its timer; it then stops itself.
     */
    private static final class Sweep implements Runnable {

        private final WeakReference<PendingIous> tracker;

        volatile IouTimer.@Nullable Timeout self;

        Sweep(PendingIous tracker) {
            this.tracker = new WeakReference<>(tracker);
        }

        @Override
        public void run() {
            PendingIous t = tracker.get();
            if (t != null) {
                t.sweepAll();
            }
            else if (self != null) {
                self.cancel();
            }
        }
    }

    /** One pending IOU, as a snapshot. */
    public record Pending(@Nullable String name, Duration age, int waitingHandlers, @Nullable String createdAt) {
    }

    /**
     * Sits on its IOU's stack until the IOU settles. It holds its IOU strongly only while it is in a
     * stripe's array, and drops it as the IOU settles.
     */
    static class Marker extends Completion {

        volatile boolean settled;

        @Nullable IOU<?> iou;

        Marker(IOU<?> iou) {
            this.iou = iou;
        }

        @Nullable String site() {
            return null;
        }

        @Override
        IOU<?> fire() {
            settled = true;
            iou = null;
            return null;
        }

        @Override
        boolean handlesRejection() {
            return false;
        }
    }

    /** A marker with the creation site. */
    static final class SitedMarker extends Marker {

        private final @Nullable String site;

        SitedMarker(IOU<?> iou, @Nullable String site) {
            super(iou);
            this.site = site;
        }

        @Override
        @Nullable String site() {
            return site;
        }
    }

    /** An IOU that was still pending when its stripe was sorted out: held weakly from then on. */
    private static final class Tracked extends WeakReference<IOU<?>> {

        final Marker marker;

        final long createdNanos;

        Tracked(IOU<?> iou, Marker marker, long createdNanos) {
            super(iou);
            this.marker = marker;
            this.createdNanos = createdNanos;
        }

        @Nullable Pending describe(long now) {
            IOU<?> iou = get();
            if (iou == null || marker.settled) {
                return null;
            }
            return new Pending(iou.name(), Duration.ofNanos(now - createdNanos), iou.waitingHandlers(), marker.site());
        }
    }

    /**
     * A share of the tracked IOUs: new markers in an array, long-pending IOUs in a list, both guarded
     * by a spin lock. Padded, so that two stripes' locks do not share a cache line.
     */
    @SuppressWarnings("unused") // padding
    static final class Stripe {

        private long p1, p2, p3, p4, p5, p6, p7;

        volatile int lock;

        final Marker[] slots = new Marker[SLOTS];

        int count;

        /** When the first marker now in {@link #slots} arrived. */
        long since;

        final ArrayList<Tracked> old = new ArrayList<>();

        private long q1, q2, q3, q4, q5, q6, q7;

        void lock() {
            int spins = 0;
            while (!LOCK.weakCompareAndSetAcquire(this, 0, 1)) {
                if (++spins < 64) {
                    Thread.onSpinWait();
                }
                else {
                    Thread.yield();
                }
            }
        }

        void unlock() {
            LOCK.setRelease(this, 0);
        }

        void add(Marker marker, PendingIous owner) {
            if (count == SLOTS) {
                sortOut();
            }
            if (count == 0) {
                since = System.nanoTime();
            }
            slots[count++] = marker;
        }

        /** Drops the markers of settled IOUs and moves those of pending ones to the list. */
        void sortOut() {
            for (int i = 0; i < count; i++) {
                Marker m = slots[i];
                slots[i] = null;
                IOU<?> iou = m.iou;
                if (!m.settled && iou != null) {
                    old.add(new Tracked(iou, m, since));
                    m.iou = null;
                }
            }
            count = 0;
        }

        /**
         * Drops the IOUs of the list that settled, and counts those collected before they settled.
         * The reference is read before the marker: an IOU is reachable while it fires its marker, so
         * once it is collected its marker says for good whether it settled.
         */
        void sweep(PendingIous owner) {
            int kept = 0;
            for (int i = 0, n = old.size(); i < n; i++) {
                Tracked t = old.get(i);
                boolean collected = t.get() == null;
                if (t.marker.settled) {
                    continue;
                }
                if (collected) {
                    owner.abandoned.incrementAndGet();
                    continue;
                }
                old.set(kept++, t);
            }
            old.subList(kept, old.size()).clear();
        }

        void clear() {
            for (int i = 0; i < count; i++) {
                slots[i].iou = null;
                slots[i] = null;
            }
            count = 0;
            old.clear();
        }
    }
}
