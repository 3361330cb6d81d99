package io.iou;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link IouTimer}, one daemon thread, and the place where the timer in use is kept.
 *
 * <p>Built for the common case of timeouts that are set often and almost always cancelled well before
 * they are due (a response timeout per request, say): scheduling pushes the task onto a lock-free
 * inbox (one CAS) and wakes the thread only if the task is due before the thread means to wake anyway,
 * and cancelling writes one volatile field and drops the task, so that a cancelled timeout keeps
 * nothing alive while it waits for the thread to look. The thread takes the inbox at least once a
 * second, drops the tasks already cancelled, and keeps the others in a queue by due time that only it
 * touches; it purges that queue of cancelled tasks whenever it has doubled. So neither side takes a
 * lock, and a timeout cancelled within a second costs the thread one look.
 */
final class DaemonTimer implements IouTimer {

    /** The timer in use: {@link #DEFAULT}, or a replacement. */
    static volatile IouTimer current;

    /** The default timer, which also runs the core's own periodic work whatever timer is in use. */
    static final DaemonTimer DEFAULT;

    /** The longest the thread parks: how often it takes the inbox when nothing is due sooner. */
    private static final long MAX_PARK_NANOS = 1_000_000_000L;

    /** Longer delays (146 years) are cut to this. */
    private static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 1;

    private static final VarHandle INBOX;

    private static final VarHandle STATE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            INBOX = lookup.findVarHandle(DaemonTimer.class, "inbox", Task.class);
            STATE = lookup.findVarHandle(Task.class, "state", int.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
        DEFAULT = new DaemonTimer();
        current = DEFAULT;
    }

    /** Tasks scheduled and not yet taken by the thread, newest first. */
    private volatile @Nullable Task inbox;

    /** When the thread will next wake by itself ({@code System.nanoTime}); written by the thread only. */
    private volatile long wakeAt;

    /** False while the thread parks (or is about to) until {@link #wakeAt}. */
    private volatile boolean awake = true;

    /** The thread, once started (under {@code this}). */
    private volatile @Nullable Thread thread;

    private DaemonTimer() {
    }

    static synchronized IouHooks.Registration replace(IouTimer timer) {
        IouTimer previous = current;
        current = timer;
        return () -> {
            synchronized (DaemonTimer.class) {
                if (current == timer) {
                    current = previous;
                }
            }
        };
    }

    @Override
    public Timeout schedule(Runnable task, Duration delay) {
        return schedule(task, saturatedNanos(delay), 0);
    }

    /**
     * Runs {@code task} every {@code periodNanos} on the default timer's thread, whatever timer is in
     * use, until the returned timeout is cancelled: for the core's own housekeeping, which runs on real
     * time even while tests run IOUs on a virtual clock.
     */
    static Timeout every(long periodNanos, Runnable task) {
        return DEFAULT.schedule(task, periodNanos, periodNanos);
    }

    private Timeout schedule(Runnable task, long delayNanos, long periodNanos) {
        // capped so that due times compare by difference, as System.nanoTime values must
        Task t = new Task(task, System.nanoTime() + Math.max(0, Math.min(delayNanos, MAX_DELAY_NANOS)), periodNanos);
        Thread worker = thread;
        if (worker == null) {
            worker = start();
        }
        push(t);
        // read after the push: a thread that parks later sees the task in the inbox first
        if (!awake && t.due - wakeAt < 0) {
            LockSupport.unpark(worker);
        }
        return t;
    }

    private void push(Task t) {
        for (;;) {
            Task head = inbox;
            t.next = head;
            if (INBOX.compareAndSet(this, head, t)) {
                return;
            }
        }
    }

    private synchronized Thread start() {
        Thread worker = thread;
        if (worker == null) {
            worker = new Thread(this::loop, "iou-timer");
            worker.setDaemon(true);
            thread = worker;
            worker.start();
        }
        return worker;
    }

    /** The thread: takes the inbox, runs what is due, and parks until the next task or a second. */
    private void loop() {
        PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> Long.signum(a.due - b.due));
        int purgeAt = 1024;
        for (;;) {
            for (Task t = (Task) INBOX.getAndSet(this, null); t != null;) {
                Task next = t.next;
                t.next = null;
                if (t.state == Task.WAITING) {
                    queue.add(t);
                }
                t = next;
            }
            if (queue.size() >= purgeAt) {
                queue.removeIf(t -> t.state != Task.WAITING);
                purgeAt = Math.max(1024, queue.size() * 2);
            }
            long now = System.nanoTime();
            ArrayList<Task> again = null;
            for (Task t; (t = queue.peek()) != null && t.due - now <= 0;) {
                queue.poll();
                if (t.run()) {
                    if (again == null) {
                        again = new ArrayList<>();
                    }
                    again.add(t);
                }
            }
            if (again != null) {
                for (Task t : again) {
                    t.due = now + t.period;
                    queue.add(t);
                }
            }
            Task first = queue.peek();
            long wake = first == null || first.due - now > MAX_PARK_NANOS ? now + MAX_PARK_NANOS : first.due;
            // published before the inbox is read again: a scheduler that pushes after that read sees
            // them, and unparks the thread if its task is due sooner
            wakeAt = wake;
            awake = false;
            if (inbox == null) {
                LockSupport.parkNanos(this, wake - System.nanoTime());
            }
            awake = true;
        }
    }

    /** A delay in nanoseconds, saturated rather than overflowing for very long durations. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }

    /** A scheduled task; cancelling it is one write that the thread reads when it next looks. */
    private static final class Task implements Timeout {

        static final int WAITING = 0;

        static final int DONE = 1;

        /** Dropped once cancelled or run, so that a task waiting for the thread to look holds nothing. */
        private @Nullable Runnable task;

        /** For a periodic task, the period; 0 for a task that runs once. */
        private final long period;

        /** Due time ({@code System.nanoTime}); rewritten only by the thread, for a periodic task. */
        long due;

        volatile int state;

        /** The next task in the inbox. */
        @Nullable Task next;

        Task(Runnable task, long due, long period) {
            this.task = task;
            this.due = due;
            this.period = period;
        }

        @Override
        public void cancel() {
            state = DONE;
            // the thread takes the inbox at most a second later: until then, keep nothing alive
            task = null;
        }

        /** Runs the task unless cancelled; returns whether it is periodic and is to run again. */
        boolean run() {
            Runnable r = task;
            if (r == null || (period == 0 ? !STATE.compareAndSet(this, WAITING, DONE) : state != WAITING)) {
                return false;
            }
            if (period == 0) {
                task = null;
            }
            try {
                r.run();
            }
            catch (Throwable failure) {
                // a timer task that throws must not stop the timer, nor vanish
                IouHooks.reportUnhandled(failure);
            }
            return period != 0 && state == WAITING;
        }
    }
}
