package io.iou.benchmarks.web;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Long-polling requests held by a load app for {@code hold-load.sh}: each {@code /hold/*} endpoint
 * parks a pending promise here and answers when {@link #release} settles them all. {@link #stats}
 * tells the script what the JVM holds and has spent, so that the heap and the CPU per held request
 * can be worked out.
 */
final class HeldRequests {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Settles one held promise with the greeting. */
    private final Queue<Consumer<Greeting>> held = new ConcurrentLinkedQueue<>();

    /** Holds a request until {@link #release}. */
    void hold(Consumer<Greeting> settle) {
        held.add(settle);
    }

    /** Answers every held request; returns how many. */
    int release() {
        int n = 0;
        Greeting greeting = Greeting.compute();
        for (Consumer<Greeting> settle; (settle = held.poll()) != null; n++) {
            settle.accept(greeting);
        }
        return n;
    }

    /** Held requests, heap used (after full collections if {@code gc}), and the process's CPU time so far. */
    Map<String, Long> stats(boolean gc) {
        long used = MEMORY.getHeapMemoryUsage().getUsed();
        for (int i = 0; gc && i < 3; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return Map.of("held", (long) held.size(), "heapUsed", used, "cpuNanos", cpu);
    }
}
