package io.iou.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.iou.IOU;
import io.iou.spring.scheduler.IouTaskExecutor;

/**
 * How long handlers that block take on the IOU executor, with virtual threads (one per handler, as
 * with {@code spring.threads.virtual.enabled=true} on Java 21+) and on the default pool of 8 platform
 * threads: {@code handlers} handlers that each block for {@code blockMs}, added to one IOU and released
 * by fulfilling it, timed until the last has settled. A timed main rather than JMH: one round is a
 * third of a second of sleeping, and what matters is whether the handlers overlap.
 *
 * <p>Run (Java 21+): {@code java -cp benchmarks/target/benchmarks.jar io.iou.benchmarks.VirtualThreadHandlersMain [handlers] [blockMs] [rounds]}
 */
public final class VirtualThreadHandlersMain {

    private VirtualThreadHandlersMain() {
    }

    /**
     * Runs the measurement.
     *
     * @param args handlers (200), block time in milliseconds (300), rounds per mode (3)
     * @throws Exception if a handler fails or the wait is interrupted
     */
    public static void main(String[] args) throws Exception {
        int handlers = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
        long blockMs = (args.length > 1) ? Long.parseLong(args[1]) : 300;
        int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
        System.out.printf("Java %s, %d handlers blocking %d ms each, %d rounds per mode%n", Runtime.version(),
                handlers, blockMs, rounds);
        for (boolean virtual : new boolean[] { true, false }) {
            IouTaskExecutor executor = new IouTaskExecutor();
            executor.setVirtualThreads(virtual);
            // the starter's defaults (iou.scheduler.core-size and max-size); virtual threads ignore them
            executor.setCorePoolSize(8);
            executor.setMaxPoolSize(8);
            executor.setThreadNamePrefix(virtual ? "iou-virtual-" : "iou-");
            executor.initialize();
            try {
                for (int round = 1; round <= rounds; round++) {
                    long millis = run(executor, handlers, blockMs);
                    System.out.printf("%-16s round %d: %,6d ms%n", virtual ? "virtual threads" : "pool of 8", round,
                            millis);
                }
            }
            finally {
                executor.shutdown();
            }
        }
    }

    private static long run(IouTaskExecutor executor, int handlers, long blockMs) throws Exception {
        IOU<Integer> source = IOU.bound(executor);
        List<IOU<Integer>> blocked = new ArrayList<>(handlers);
        for (int i = 0; i < handlers; i++) {
            blocked.add(source.addFulfilledHandler((value) -> {
                try {
                    Thread.sleep(blockMs);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return value;
            }));
        }
        long start = System.nanoTime();
        source.fulfill(1);
        IOU.all(blocked).await(Duration.ofMinutes(5));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
