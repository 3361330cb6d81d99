package io.iou.benchmarks;

import io.iou.IOU;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/**
 * Prints the heap bytes a pending promise holds with one handler waiting on it, for IOU,
 * {@code CompletableFuture} and Reactor's {@code Sinks.one()}, measured with JOL by walking the
 * object graph from the root the producer keeps. Objects every instance shares (the handler
 * function, the subscriber's consumer, Reactor's empty context and empty subscriber array) are not
 * counted. "Each further stage" is what one more
 * handler chained onto the last stage adds.
 *
 * <p>Run with {@code java -Djdk.attach.allowAttachSelf=true -cp benchmarks/target/benchmarks.jar
 * io.iou.benchmarks.FootprintMain} ({@code -v} also prints the objects of each graph).
 */
public final class FootprintMain {

    private static final Function<Integer, Integer> INC = v -> v + 1;

    private static final Consumer<Integer> SUBSCRIBER = v -> { };

    /** The executor of the bound row: shared by every IOU bound to it, so not counted. */
    private static final Executor DIRECT = Runnable::run;

    private FootprintMain() {
    }

    /**
     * Prints the table.
     *
     * @param args {@code -v} to print each graph's objects as well
     */
    public static void main(String[] args) {
        boolean verbose = args.length > 0 && args[0].equals("-v");
        System.out.println(VM.current().details());
        System.out.printf("%-32s %14s %14s %20s%n", "pending, one handler (bytes)", "source alone", "with 1 handler",
                "each further stage");
        row("IOU", verbose, () -> chain(new IOU<>(), 0), () -> chain(new IOU<>(), 1), () -> chain(new IOU<>(), 2));
        row("IOU bound to an executor", verbose, () -> chain(IOU.bound(DIRECT), 0), () -> chain(IOU.bound(DIRECT), 1),
                () -> chain(IOU.bound(DIRECT), 2));
        row("CompletableFuture", verbose, () -> chain(new CompletableFuture<>(), 0),
                () -> chain(new CompletableFuture<>(), 1), () -> chain(new CompletableFuture<>(), 2));
        row("Reactor Sinks.one() + Mono.map", verbose, () -> subscribed(0), () -> subscribed(1),
                () -> subscribed(2));
    }

    private static void row(String name, boolean verbose, Supplier<Object> alone, Supplier<Object> one,
            Supplier<Object> two) {
        long a = size(alone.get(), verbose);
        long b = size(one.get(), verbose);
        long c = size(two.get(), verbose);
        System.out.printf("%-32s %14d %14d %20d%n", name, a, b, c - b);
    }

    private static long size(Object root, boolean verbose) {
        // a fresh bare sink brings along the constants every sink shares, such as its empty subscriber array
        GraphLayout shared = GraphLayout.parseInstance(INC, SUBSCRIBER, DIRECT, Context.empty(), Sinks.one());
        GraphLayout graph = GraphLayout.parseInstance(root).subtract(shared);
        if (verbose) {
            System.out.println(graph.toFootprint());
        }
        return graph.totalSize();
    }

    /** A pending IOU with {@code stages} handlers chained one after the other; returns the source. */
    private static IOU<Integer> chain(IOU<Integer> source, int stages) {
        IOU<Integer> last = source;
        for (int i = 0; i < stages; i++) {
            last = last.addFulfilledHandler(INC);
        }
        return source;
    }

    /** A pending future with {@code stages} {@code thenApply} chained; returns the source. */
    private static CompletableFuture<Integer> chain(CompletableFuture<Integer> source, int stages) {
        CompletableFuture<Integer> last = source;
        for (int i = 0; i < stages; i++) {
            last = last.thenApply(INC);
        }
        return source;
    }

    /**
     * A {@code Sinks.one()} with {@code maps} chained {@code map} operators, subscribed (with none:
     * not subscribed, a bare sink); returns the sink. Reactor keeps nothing until subscription.
     */
    private static Sinks.One<Integer> subscribed(int maps) {
        Sinks.One<Integer> sink = Sinks.one();
        if (maps > 0) {
            Mono<Integer> mono = sink.asMono();
            for (int i = 0; i < maps; i++) {
                mono = mono.map(INC);
            }
            mono.subscribe(SUBSCRIBER);
        }
        return sink;
    }
}
