package io.iou.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

import io.iou.IouHooks;
import io.iou.IouTimer;

/**
 * An {@link IouTimer} whose clock moves only when a test says so: a timeout of thirty seconds
 * ({@link io.iou.IOU#timeout}), or anything else scheduled on the IOU timer, fires when the test
 * {@linkplain #advance advances} the clock by thirty seconds, at once and on the test's thread.
 *
 * <pre>{@code
 * try (VirtualIouTimer time = VirtualIouTimer.install()) {
 *     IOU<String> answer = service.call().timeout(Duration.ofSeconds(30));
 *     time.advance(Duration.ofSeconds(29));
 *     assertThat(answer).isPending();
 *     time.advance(Duration.ofSeconds(1));
 *     assertThat(answer).isRejectedWithInstanceOf(TimeoutException.class);
 * }
 * }</pre>
 *
 * <p>The IOU timer is one for the whole JVM, so while a virtual timer is installed every IOU uses it:
 * tests that install one must not run in parallel with tests that rely on real timeouts
 * ({@link IouVirtualTime} declares that for JUnit). Tasks run in the order they fall due, those due
 * at the same instant in the order they were scheduled.
 */
public final class VirtualIouTimer implements IouTimer, AutoCloseable {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();

    private final IouHooks.Registration registration;

    private long now;

    private long scheduled;

    private VirtualIouTimer() {
        this.registration = IouTimer.replace(this);
    }

    /**
     * Creates a virtual timer at time zero and makes IOUs use it until {@link #close()}.
     *
     * @return the installed timer
     */
    public static VirtualIouTimer install() {
        return new VirtualIouTimer();
    }

    /**
     * Schedules {@code task} to run when the clock has been advanced by {@code delay}.
     *
     * @param task what to run
     * @param delay how far the clock must move first; zero or negative runs it at the next advance
     * @return the scheduled task; cancelling it removes it at once
     * @throws NullPointerException if an argument is null
     */
    @Override
    public synchronized Timeout schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(delay, "delay");
        Task scheduledTask = new Task(task, now + Math.max(0, saturatedNanos(delay)), scheduled++);
        queue.add(scheduledTask);
        return () -> cancel(scheduledTask);
    }

    /**
     * Moves the clock forward by {@code duration}, running each task that falls due on the way, on
     * this thread, at its own instant: a task scheduled by another within the window runs too, if it
     * falls due in time.
     *
     * @param duration how far to move; zero runs the tasks already due
     * @return this timer
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws AssertionError if a task threw, after the clock has moved (the first failure, the
     *         others suppressed)
     */
    public VirtualIouTimer advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go back: " + duration);
        }
        long target;
        synchronized (this) {
            target = saturatedAdd(now, saturatedNanos(duration));
        }
        List<Throwable> failures = new ArrayList<>();
        for (Task due; (due = takeDue(target)) != null;) {
            try {
                due.task.run();
            }
            catch (Throwable failure) {
                failures.add(failure);
            }
        }
        synchronized (this) {
            now = Math.max(now, target);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a task on the virtual IOU timer failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(error::addSuppressed);
            throw error;
        }
        return this;
    }

    /**
     * Returns how far the clock has moved since the timer was installed.
     *
     * @return the virtual time elapsed
     */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /**
     * Counts the tasks scheduled and not yet run or cancelled.
     *
     * @return how many are waiting
     */
    public synchronized int pendingTasks() {
        return queue.size();
    }

    /**
     * Returns how long until the next task falls due.
     *
     * @return the delay, or {@code null} when no task is waiting
     */
    public synchronized Duration untilNextTask() {
        Task next = queue.peek();
        return next == null ? null : Duration.ofNanos(Math.max(0, next.due - now));
    }

    /**
     * Puts back the timer IOUs used before {@link #install()}. Tasks still waiting never run.
     */
    @Override
    public void close() {
        registration.close();
    }

    @Override
    public synchronized String toString() {
        return "VirtualIouTimer[elapsed=" + Duration.ofNanos(now) + ", pending=" + queue.size() + "]";
    }

    /** Removes and returns the first task due by {@code target}, moving the clock to its instant. */
    private synchronized Task takeDue(long target) {
        Task next = queue.peek();
        if (next == null || next.due > target) {
            return null;
        }
        queue.poll();
        now = Math.max(now, next.due);
        return next;
    }

    private synchronized void cancel(Task task) {
        queue.remove(task);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        }
        catch (ArithmeticException ex) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** A scheduled task: ordered by due time, then by when it was scheduled. */
    private record Task(Runnable task, long due, long order) implements Comparable<Task> {

        @Override
        public int compareTo(Task other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }
}
