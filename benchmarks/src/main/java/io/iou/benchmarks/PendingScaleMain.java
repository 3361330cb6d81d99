package io.iou.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.iou.IOU;
import io.iou.IouHooks;
import io.iou.PendingIous;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Heap per pending promise at scale: how much the heap grows while {@code n} (default 10^6)
 * promises wait, each with one handler, for IOU (also with pending-IOU tracking on), for
 * {@code CompletableFuture} and for Reactor ({@code Sinks.one()} with a subscribed {@code map}),
 * measured as the used heap after full collections, with the promises held, minus the same without
 * them. Unlike the JOL figures of {@link FootprintMain} this counts what a collector really keeps,
 * arrays that hold the promises excluded.
 *
 * <pre>java -Xms2g -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/benchmarks.jar io.iou.benchmarks.PendingScaleMain 1000000</pre>
 */
public final class PendingScaleMain {

    private static final Function<Integer, Integer> INC = v -> v + 1;

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private PendingScaleMain() {
    }

    /**
     * Prints one line per kind of promise.
     *
     * @param args the number of pending promises, default 1,000,000
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("%,d pending promises, one handler each; heap after full GC, %s%n", n,
                System.getProperty("java.vm.version"));
        for (int round = 0; round < 2; round++) {
            // the first round warms up class loading and the JIT; the second is printed
            boolean print = round == 1;
            measure("IOU", n, print, i -> {
                IOU<Integer> iou = new IOU<>();
                iou.addFulfilledHandler(INC);
                return iou;
            });
            try (PendingIous tracking = new PendingIous(null); IouHooks.Registration on = IouHooks.register(tracking)) {
                measure("IOU, pending-IOU tracking on", n, print, i -> {
                    IOU<Integer> iou = new IOU<>();
                    iou.addFulfilledHandler(INC);
                    return iou;
                });
            }
            measure("CompletableFuture", n, print, i -> {
                CompletableFuture<Integer> future = new CompletableFuture<>();
                future.thenApply(INC);
                return future;
            });
            measure("Reactor Sinks.one() + map", n, print, i -> {
                Sinks.One<Integer> sink = Sinks.one();
                sink.asMono().map(INC).subscribe();
                return sink;
            });
            measure("Reactor Mono.create + map", n, print, i -> {
                Object[] emitter = new Object[1];
                Mono.<Integer>create(sink -> emitter[0] = sink).map(INC).subscribe();
                return emitter[0];
            });
        }
    }

    private static void measure(String name, int n, boolean print, IntFunction<Object> pending) {
        Object[] held = new Object[n];
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            held[i] = pending.apply(i);
        }
        long after = usedAfterGc();
        if (print) {
            System.out.printf("%-34s %6.1f bytes per pending promise%n", name, (after - before) / (double) n);
        }
        // read once more so that the array stays reachable until after the measurement
        if (held[n - 1] == null) {
            throw new IllegalStateException("nothing held");
        }
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
