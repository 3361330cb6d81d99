package io.iou.spring.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * A few counters that threads increment on the IOU hot path at the cost of plain stores.
 *
 * <p>A {@link LongAdder} increment is an atomic instruction, which also acts as a full fence: on the
 * IOU hot path, full of stores to freshly allocated IOUs, the four of them in creating and fulfilling
 * an IOU with a handler added about a third to its cost ({@code MetricsOverheadBenchmark}). Here each
 * thread counts in a cell it owns: a single writer needs no atomic instruction, only an opaque store
 * that readers can see. A thread finds its cell by its id; it claims a cell that is free or whose
 * owner has terminated (termination happens-before {@link Thread#isAlive()} returning false, so the
 * new owner continues from the old owner's counts). A thread whose cell belongs to another live
 * thread counts in shared {@code LongAdder}s instead. A sum is exact once the counting threads are
 * done, and otherwise a snapshot, as a metric reading is.
 */
final class PerThreadCounts {

    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Where a cell's counts start in its array: the unused slots around them keep other cells off their cache line. */
    private static final int FIRST = 8;

    private static final int CELLS = 256;

    private final Cell[] cells = new Cell[CELLS];

    private final LongAdder[] shared;

    /**
     * Creates zeroed counters.
     *
     * @param counters how many counters
     */
    PerThreadCounts(int counters) {
        for (int i = 0; i < CELLS; i++) {
            this.cells[i] = new Cell(counters);
        }
        this.shared = new LongAdder[counters];
        for (int i = 0; i < counters; i++) {
            this.shared[i] = new LongAdder();
        }
    }

    /**
     * Adds one to a counter.
     *
     * @param counter the counter's index
     */
    void increment(int counter) {
        Thread thread = Thread.currentThread();
        // getId(), not threadId(): the code targets Java 17; they return the same number
        @SuppressWarnings("deprecation")
        Cell cell = this.cells[(int) thread.getId() & (CELLS - 1)];
        if (cell.owner == thread || cell.claim(thread)) {
            int slot = FIRST + counter;
            COUNT.setOpaque(cell.counts, slot, (long) COUNT.getOpaque(cell.counts, slot) + 1);
        }
        else {
            this.shared[counter].increment();
        }
    }

    /**
     * Returns a counter's total.
     *
     * @param counter the counter's index
     * @return the sum over all threads
     */
    long sum(int counter) {
        long sum = this.shared[counter].sum();
        for (Cell cell : this.cells) {
            sum += (long) COUNT.getOpaque(cell.counts, FIRST + counter);
        }
        return sum;
    }

    private static final class Cell {

        private static final VarHandle OWNER;

        static {
            try {
                OWNER = MethodHandles.lookup().findVarHandle(Cell.class, "owner", Thread.class);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        final long[] counts;

        /**
         * The one thread that writes {@link #counts}. Read plainly: only a thread's own CAS makes it
         * the owner, and it stops being the owner only once it has terminated.
         */
        @Nullable Thread owner;

        Cell(int counters) {
            this.counts = new long[FIRST + counters + FIRST];
        }

        boolean claim(Thread thread) {
            Thread current = (Thread) OWNER.getVolatile(this);
            return (current == null || !current.isAlive()) && OWNER.compareAndSet(this, current, thread);
        }
    }
}
