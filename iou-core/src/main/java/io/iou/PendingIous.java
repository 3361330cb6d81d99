package io.iou;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Tracks the pending IOUs of the JVM, cheaply enough to leave on: which IOU never settles, how old
 * it is, and how many IOUs were garbage collected while pending (abandoned: nothing can ever settle
 * them). Register it as a hook ({@link IouHooks#register}) to track IOUs created from then on, and
 * {@link #close()} it when done.
 *
 * <p>It tracks the IOUs a program makes and settles ({@code new IOU<>()}, {@link IOU#bound},
 * {@link IOU#named}, {@link IOU#supply}, {@link IOU#from} and the like), not those derived from them by
 * handlers and joins: a derived IOU settles once the IOUs it waits on have settled and its handler has
 * returned, so when one never settles, the IOU to look for is the tracked one it waits on (a handler
 * that never returns shows in a thread dump, not here).
 *
 * <p>How it stays cheap: most IOUs settle within microseconds, so it takes no lock, no map entry, no
 * weak reference and no clock reading per IOU. Each new IOU gets a small marker on its own stack of
 * completions, which the IOU fires as it settles, and the creating thread puts the marker into a short
 * array of its own with plain writes. When the array is full, and every second for every thread's
 * array, the markers are sorted out: those whose IOU settled are dropped, and only an IOU still
 * pending then gets a weak reference (so that tracking never keeps an IOU alive) and joins the list of
 * long-pending IOUs, which is swept every second and on every query. Until then the array holds its
 * pending IOUs strongly, so an IOU dropped while pending is counted as abandoned once it has joined
 * the list and the garbage collector has cleared it: within a second or two of a collection. Ages
 * come from a clock that the sweep advances every second, so they are accurate to about a second.
 */
public final class PendingIous implements IouHook, AutoCloseable {

    /** Markers per thread before the thread sorts them out. */
    private static final int SLOTS = 64;

    private static final long SWEEP_NANOS = 1_000_000_000L;

    private static final VarHandle STATE;

    private static final VarHandle COUNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Marker.class, "state", int.class);
            COUNT = lookup.findVarHandle(Nursery.class, "count", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** This tracker's array on each thread that created an IOU while it tracked. */
    private final ThreadLocal<Nursery> nurseries = new ThreadLocal<>();

    /** Every thread's array, so that the sweep can sort out those of idle or finished threads. */
    private final ConcurrentLinkedQueue<Nursery> all = new ConcurrentLinkedQueue<>();

    /** IOUs that were still pending when their array was sorted out, held weakly. */
    private final ConcurrentLinkedQueue<Tracked> longPending = new ConcurrentLinkedQueue<>();

    private final @Nullable Supplier<@Nullable String> creationSite;

    private final AtomicLong abandoned = new AtomicLong();

    /** {@code System.nanoTime()} as of the last sweep: the creation time markers record. */
    private volatile long now = System.nanoTime();

    /** The periodic sweep, started with the first tracked IOU; guarded by {@code this}. */
    private IouTimer.@Nullable Timeout sweeper;

    private volatile boolean closed;

    /**
     * Creates a tracker; it tracks IOUs once registered as a hook.
     *
     * @param creationSite called as each IOU is created, on the creating thread, to describe where it
     *        was created (a stack walk, say), or {@code null} to record no creation sites
     */
    public PendingIous(@Nullable Supplier<@Nullable String> creationSite) {
        this.creationSite = creationSite;
    }

    /**
     * Tracks a new IOU. Called by the IOU's constructor, through {@link IouHooks}: only then is the
     * IOU seen by this thread alone, which is what lets its marker be attached with plain writes.
     *
     * @param iou the IOU being created
     */
    @Override
    public void created(IOU<?> iou) {
        if (iou instanceof IOU.Stage || iou instanceof Join) {
            // derived: it settles once what it waits on does, and that is tracked
            return;
        }
        Nursery nursery = nurseries.get();
        if (nursery == null) {
            nursery = join();
        }
        if (nursery == null || nursery.closed) {
            return;
        }
        Supplier<@Nullable String> sites = creationSite;
        Marker marker = sites == null ? new Marker(iou) : new SitedMarker(iou, sites.get());
        // the constructor runs on this thread and the IOU is not published yet: plain writes suffice,
        // and the IOU fires the marker as it settles (IOU#settleUnseen covers IOUs born settled)
        marker.next = iou.stack;
        iou.stack = marker;
        nursery.add(marker, this);
    }

    /** Gives this thread its array, unless the tracker is closed. */
    private @Nullable Nursery join() {
        if (closed) {
            return null;
        }
        Nursery nursery = new Nursery(Thread.currentThread());
        nurseries.set(nursery);
        all.add(nursery);
        startSweeping();
        return nursery;
    }

    /**
     * Returns how many tracked IOUs are pending.
     *
     * @return the count
     */
    public int pendingCount() {
        sweep();
        int n = 0;
        for (Tracked t : longPending) {
            if (!t.marker.isSettled()) {
                n++;
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
        sweep();
        return abandoned.get();
    }

    /**
     * Returns the pending IOUs, oldest first.
     *
     * @param limit at most this many
     * @return a snapshot
     */
    public List<Pending> oldest(int limit) {
        sweep();
        long at = System.nanoTime();
        List<Tracked> pending = new ArrayList<>(longPending);
        return pending.stream()
                .sorted(Comparator.comparingLong((Tracked tracked) -> tracked.created))
                .map(tracked -> tracked.describe(at))
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
        for (Nursery nursery : all) {
            nursery.close();
        }
        all.clear();
        longPending.clear();
    }

    private synchronized void startSweeping() {
        if (sweeper == null && !closed) {
            Sweep sweep = new Sweep(this);
            sweeper = DaemonTimer.every(SWEEP_NANOS, sweep);
            sweep.self = sweeper;
        }
    }

    /**
     * Moves every pending IOU of every thread's array to the list, forgets arrays of finished threads,
     * drops the settled IOUs of the list and counts those collected before they settled. Synchronized:
     * the timer's sweep and queries may meet.
     */
    private synchronized void sweep() {
        now = System.nanoTime();
        for (Iterator<Nursery> it = all.iterator(); it.hasNext();) {
            Nursery nursery = it.next();
            // finished first: a thread seen to have ended has made its last marker, and seeing it
            // ended makes the whole array visible, so none is left behind when the array is dropped
            boolean finished = nursery.finished();
            nursery.promoteAll(this, now);
            if (finished) {
                it.remove();
            }
        }
        for (Iterator<Tracked> it = longPending.iterator(); it.hasNext();) {
            Tracked t = it.next();
            // the reference first: an IOU is reachable while it fires its marker, so once it is
            // collected its marker says for good whether it settled
            boolean collected = t.get() == null;
            if (t.marker.isSettled()) {
                it.remove();
            }
            else if (collected) {
                it.remove();
                abandoned.incrementAndGet();
            }
        }
    }

    /**
     * Moves a pending marker's IOU to the list, unless another thread did; once per marker.
     * {@code created} is when its array began to fill, or the sweep before it was made.
     */
    private void promote(Marker m, long created) {
        IOU<?> iou = m.iou;
        if (iou != null && !m.isSettled() && STATE.compareAndSet(m, Marker.NEW, Marker.PROMOTED)) {
            longPending.add(new Tracked(iou, m, created));
            m.iou = null;
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
                t.sweep();
            }
            else if (self != null) {
                self.cancel();
            }
        }
    }

    /**
     * One pending IOU, as a snapshot.
     *
     * @param name the name given by {@link IOU#named}, or null
     * @param age how long it has been pending
     * @param waitingHandlers how many handlers, chained IOUs and watchers wait on it
     * @param createdAt where it was created, when creation sites are recorded
     */
    public record Pending(@Nullable String name, Duration age, int waitingHandlers, @Nullable String createdAt) {
    }

    /**
     * Sits on its IOU's stack until the IOU settles. It holds its IOU strongly only while it is in a
     * thread's array and neither settled nor moved to the list.
     */
    static class Marker extends Completion {

        static final int NEW = 0;

        static final int PROMOTED = 1;

        static final int SETTLED = 2;

        /** NEW, then PROMOTED (by CAS, once) and SETTLED (written as the IOU settles). */
        volatile int state;

        @Nullable IOU<?> iou;

        Marker(IOU<?> iou) {
            this.iou = iou;
        }

        @Nullable String site() {
            return null;
        }

        boolean isSettled() {
            return state == SETTLED;
        }

        /** Runs as the IOU settles; a release write, as nothing needs to see it at once. */
        @Override
        IOU<?> fire() {
            iou = null;
            STATE.setRelease(this, SETTLED);
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

    /** An IOU that was still pending when its array was sorted out: held weakly from then on. */
    private static final class Tracked extends WeakReference<IOU<?>> {

        final Marker marker;

        /** When it was made, as {@code System.nanoTime()}, to within a sweep. */
        final long created;

        Tracked(IOU<?> iou, Marker marker, long created) {
            super(iou);
            this.marker = marker;
            this.created = created;
        }

        @Nullable Pending describe(long at) {
            IOU<?> iou = get();
            if (iou == null || marker.isSettled()) {
                return null;
            }
            return new Pending(iou.name(), Duration.ofNanos(Math.max(0, at - created)), iou.waitingHandlers(),
                    marker.site());
        }
    }

    /**
     * One thread's new markers. Only that thread writes the array and the count; the sweep reads them
     * (a slot it reads may be stale, which only delays a marker to the next sweep) and moves pending
     * markers out by CAS on the marker, which the thread then drops too.
     */
    static final class Nursery {

        private final WeakReference<Thread> owner;

        private Marker[] slots = new Marker[4];

        /** Markers in {@link #slots}; written by the owner with release, read by the sweep with acquire. */
        volatile int count;

        /** Set when the tracker closes: the owner stops tracking and drops its markers. */
        volatile boolean closed;

        /**
         * When the first marker now in the array was made, to within a sweep: the tracker's clock, read
         * by the owner as the array begins to fill, and moved on by a sweep that emptied it of pending
         * markers. Racy, and good to a second either way.
         */
        long since;

        Nursery(Thread owner) {
            this.owner = new WeakReference<>(owner);
        }

        /** On the owner's thread. */
        void add(Marker marker, PendingIous tracker) {
            int n = count;
            if (n == slots.length) {
                n = sortOut(tracker);
            }
            if (n == 0) {
                since = tracker.now;
            }
            slots[n] = marker;
            COUNT.setRelease(this, n + 1);
        }

        /**
         * On the owner's thread, the array full: moves pending markers to the list and drops the rest;
         * grows the array (up to {@link #SLOTS}) while most of its IOUs settled meanwhile, so that a busy
         * thread sorts out rarely and an idle one holds little.
         */
        private int sortOut(PendingIous tracker) {
            Marker[] s = slots;
            int n = count;
            int promoted = 0;
            for (int i = 0; i < n; i++) {
                Marker m = s[i];
                if (m.state == Marker.NEW) {
                    tracker.promote(m, since);
                    promoted++;
                }
            }
            if (s.length < SLOTS && promoted * 2 < n) {
                slots = new Marker[s.length * 2];
            }
            else {
                java.util.Arrays.fill(s, 0, n, null);
            }
            COUNT.setRelease(this, 0);
            return 0;
        }

        /**
         * From the sweep: moves every pending marker it can see to the list; markers made after this
         * count from {@code now} (the owner's own reset makes that more precise).
         */
        void promoteAll(PendingIous tracker, long now) {
            Marker[] s = slots;
            long from = since;
            int n = Math.min((int) COUNT.getAcquire(this), s.length);
            for (int i = 0; i < n; i++) {
                Marker m = s[i];
                if (m != null && m.state == Marker.NEW) {
                    tracker.promote(m, from);
                }
            }
            since = now;
        }

        /**
         * From {@link PendingIous#close()}: the owner stops filing markers, and the IOUs of those filed
         * are no longer held, so that tracking never keeps an IOU alive. Racy with an owner filing one
         * at that moment, which keeps at most that one until it settles.
         */
        void close() {
            closed = true;
            Marker[] s = slots;
            for (int i = 0; i < s.length; i++) {
                Marker m = s[i];
                if (m != null) {
                    m.iou = null;
                    s[i] = null;
                }
            }
        }

        /** Whether the owner has finished: nothing will use the array again. */
        boolean finished() {
            Thread t = owner.get();
            return t == null || !t.isAlive();
        }
    }
}
