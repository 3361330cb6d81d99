package io.iou.benchmarks;

import io.iou.IOU;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * IOU against {@link CompletableFuture} and Reactor ({@code Sinks.one()} / {@code Mono}) on the
 * same work, case by case: every variant runs its handlers and reads the value they produced, so
 * no library is credited for work it skipped. Methods are named {@code case_library}.
 *
 * <p>Each library observes the value the way its users would: IOU and {@code CompletableFuture}
 * read the derived stage ({@code getValue()}, {@code getNow}), Reactor needs a subscriber, whose
 * consumer stores the value in a field of this state. The handlers are shared, non-capturing
 * functions, so no variant pays for allocating a lambda per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoreBenchmark {

    private static final Function<Integer, Integer> INC = v -> v + 1;

    private static final int FAN_OUT = 8;

    private static final int CHAIN = 10;

    private static final int JOIN = 100;

    private final Integer value = 42;

    /** Where Reactor subscribers put what they observed. */
    private int observed;

    private final Consumer<Integer> observe = v -> observed = v;

    private final Consumer<Integer> accumulate = v -> observed += v;

    private final Consumer<List<Object>> observeList = list -> observed = list.size();

    /** Written by the executor thread in the hop case, spun on by the benchmark thread. */
    private volatile Integer hopped;

    private final Consumer<Integer> observeHop = v -> hopped = v;

    private ExecutorService executor;

    private Scheduler scheduler;

    /** Starts the one-thread executor of the hop case; its thread stays warm for the whole run. */
    @Setup(Level.Trial)
    public void startExecutor() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-hop");
            t.setDaemon(true);
            return t;
        });
        scheduler = Schedulers.fromExecutor(executor);
    }

    /** Stops the executor of the hop case. */
    @TearDown(Level.Trial)
    public void stopExecutor() {
        scheduler.dispose();
        executor.shutdownNow();
    }

    // ------------------------------------------------ 1. create -> one handler -> fulfil -> read

    /** IOU: one handler added while pending, then fulfilled. */
    @Benchmark
    public Object oneHandler_iou() {
        IOU<Integer> source = new IOU<>();
        IOU<Integer> derived = source.addFulfilledHandler(INC);
        source.fulfill(value);
        return derived.getValue();
    }

    /** CompletableFuture: one {@code thenApply} added while pending, then completed. */
    @Benchmark
    public Object oneHandler_future() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<Integer> derived = source.thenApply(INC);
        source.complete(value);
        return derived.getNow(null);
    }

    /** Reactor: {@code Sinks.one()} with one mapped subscriber, then emitted. */
    @Benchmark
    public int oneHandler_reactor() {
        Sinks.One<Integer> sink = Sinks.one();
        sink.asMono().map(INC).subscribe(observe);
        sink.tryEmitValue(value);
        return observed;
    }

    /**
     * Not a library: the floor under case 1, the five atomic instructions that IOU and
     * CompletableFuture both execute there (add the handler, settle the source, settle the derived
     * promise, close each stack) on two fresh objects, and nothing else. A library's time over this
     * is what its own code costs.
     */
    @Benchmark
    public Object oneHandler_floor(Blackhole bh) {
        Cell source = new Cell();
        Cell derived = new Cell();
        bh.consume(source);
        Cell.STACK.compareAndSet(source, null, derived);
        Cell.RESULT.compareAndSet(source, null, value);
        Cell.RESULT.compareAndSet(derived, null, value + 1);
        Cell.STACK.compareAndSet(derived, null, Cell.CLOSED);
        Cell.STACK.compareAndSet(source, derived, Cell.CLOSED);
        return derived.result;
    }

    /** A promise's two words, for {@link #oneHandler_floor}. */
    static final class Cell {

        static final Object CLOSED = new Object();

        static final VarHandle RESULT;

        static final VarHandle STACK;

        static {
            try {
                RESULT = MethodHandles.lookup().findVarHandle(Cell.class, "result", Object.class);
                STACK = MethodHandles.lookup().findVarHandle(Cell.class, "stack", Object.class);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        volatile Object result;

        volatile Object stack;
    }

    // ------------------------------------------------ 2. a 10-stage chain registered before fulfil

    /** IOU: ten chained handlers, then fulfilled. */
    @Benchmark
    public Object chain10_iou() {
        IOU<Integer> source = new IOU<>();
        IOU<Integer> last = source;
        for (int i = 0; i < CHAIN; i++) {
            last = last.addFulfilledHandler(INC);
        }
        source.fulfill(value);
        return last.getValue();
    }

    /** CompletableFuture: ten chained {@code thenApply}, then completed. */
    @Benchmark
    public Object chain10_future() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<Integer> last = source;
        for (int i = 0; i < CHAIN; i++) {
            last = last.thenApply(INC);
        }
        source.complete(value);
        return last.getNow(null);
    }

    /** Reactor: ten chained {@code map}, subscribed, then emitted. */
    @Benchmark
    public int chain10_reactor() {
        Sinks.One<Integer> sink = Sinks.one();
        Mono<Integer> last = sink.asMono();
        for (int i = 0; i < CHAIN; i++) {
            last = last.map(INC);
        }
        last.subscribe(observe);
        sink.tryEmitValue(value);
        return observed;
    }

    // ------------------------------------------------ 3. a handler added after fulfil

    /**
     * IOU: a handler on an already fulfilled IOU; the derived IOU escapes, as one that a program
     * keeps or returns does.
     */
    @Benchmark
    public Object afterFulfil_iou(Blackhole bh) {
        IOU<Integer> derived = IOU.fulfilled(value).addFulfilledHandler(INC);
        bh.consume(derived);
        return derived.getValue();
    }

    /** CompletableFuture: {@code thenApply} on a completed future; the derived future escapes. */
    @Benchmark
    public Object afterFulfil_future(Blackhole bh) {
        CompletableFuture<Integer> derived = CompletableFuture.completedFuture(value).thenApply(INC);
        bh.consume(derived);
        return derived.getNow(null);
    }

    /** Reactor: {@code Mono.just(v).map(..).subscribe(..)}; the subscription escapes. */
    @Benchmark
    public int afterFulfil_reactor(Blackhole bh) {
        bh.consume(Mono.just(value).map(INC).subscribe(observe));
        return observed;
    }

    /**
     * IOU: as {@link #afterFulfil_iou} but only the value escapes, which lets the JIT's escape
     * analysis remove whatever objects it can prove nobody else sees.
     */
    @Benchmark
    public Object afterFulfilValueOnly_iou() {
        return IOU.fulfilled(value).addFulfilledHandler(INC).getValue();
    }

    /** CompletableFuture: as {@link #afterFulfil_future} but only the value escapes. */
    @Benchmark
    public Object afterFulfilValueOnly_future() {
        return CompletableFuture.completedFuture(value).thenApply(INC).getNow(null);
    }

    /** Reactor: as {@link #afterFulfil_reactor} but only the value escapes. */
    @Benchmark
    public int afterFulfilValueOnly_reactor() {
        Mono.just(value).map(INC).subscribe(observe);
        return observed;
    }

    // ------------------------------------------------ 4. fan-out: 8 handlers on one source

    /** IOU: eight handlers on one pending IOU, then fulfilled; every result is read. */
    @Benchmark
    public void fanOut8_iou(Blackhole bh) {
        IOU<Integer> source = new IOU<>();
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        IOU<Integer>[] derived = new IOU[FAN_OUT];
        for (int i = 0; i < FAN_OUT; i++) {
            derived[i] = source.addFulfilledHandler(INC);
        }
        source.fulfill(value);
        for (IOU<Integer> d : derived) {
            bh.consume(d.getValue());
        }
    }

    /** CompletableFuture: eight {@code thenApply} on one pending future, then completed. */
    @Benchmark
    public void fanOut8_future(Blackhole bh) {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        CompletableFuture<Integer>[] derived = new CompletableFuture[FAN_OUT];
        for (int i = 0; i < FAN_OUT; i++) {
            derived[i] = source.thenApply(INC);
        }
        source.complete(value);
        for (CompletableFuture<Integer> d : derived) {
            bh.consume(d.getNow(null));
        }
    }

    /** Reactor: eight mapped subscribers on one {@code Sinks.one()}, then emitted. */
    @Benchmark
    public void fanOut8_reactor(Blackhole bh) {
        Sinks.One<Integer> sink = Sinks.one();
        Mono<Integer> mono = sink.asMono();
        for (int i = 0; i < FAN_OUT; i++) {
            mono.map(INC).subscribe(accumulate);
        }
        sink.tryEmitValue(value);
        bh.consume(observed);
    }

    // ------------------------------------------------ 5. all over 100 pending sources

    /** IOU: {@code IOU.all} over 100 pending IOUs, each then fulfilled; the list is read. */
    @Benchmark
    public Object all100_iou() {
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        IOU<Integer>[] inputs = new IOU[JOIN];
        for (int i = 0; i < JOIN; i++) {
            inputs[i] = new IOU<>();
        }
        IOU<List<Integer>> all = IOU.all(inputs);
        for (IOU<Integer> input : inputs) {
            input.fulfill(value);
        }
        return all.getValue();
    }

    /**
     * CompletableFuture: {@code allOf} over 100 pending futures, then the values joined into a list
     * (what {@code IOU.all} yields), each input then completed; the list is read.
     */
    @Benchmark
    public Object all100_future() {
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        CompletableFuture<Integer>[] inputs = new CompletableFuture[JOIN];
        for (int i = 0; i < JOIN; i++) {
            inputs[i] = new CompletableFuture<>();
        }
        CompletableFuture<List<Integer>> all = CompletableFuture.allOf(inputs).thenApply(ignored -> {
            List<Integer> values = new ArrayList<>(inputs.length);
            for (CompletableFuture<Integer> input : inputs) {
                values.add(input.join());
            }
            return values;
        });
        for (CompletableFuture<Integer> input : inputs) {
            input.complete(value);
        }
        return all.getNow(null);
    }

    /** Reactor: {@code Mono.zip} over 100 {@code Sinks.one()} into a list, each then emitted. */
    @Benchmark
    public int all100_reactor() {
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays
        Sinks.One<Integer>[] inputs = new Sinks.One[JOIN];
        List<Mono<Integer>> monos = new ArrayList<>(JOIN);
        for (int i = 0; i < JOIN; i++) {
            inputs[i] = Sinks.one();
            monos.add(inputs[i].asMono());
        }
        Mono.zip(monos, Arrays::asList).subscribe(observeList);
        for (Sinks.One<Integer> input : inputs) {
            input.tryEmitValue(value);
        }
        return observed;
    }

    // ------------------------------------------------ 6. a hop through a one-thread executor

    /** IOU bound to the executor: the handler runs there; spins until the value is visible. */
    @Benchmark
    public Object executorHop_iou() {
        IOU<Integer> source = IOU.bound(executor);
        IOU<Integer> derived = source.addFulfilledHandler(INC);
        source.fulfill(value);
        while (derived.isPending()) {
            Thread.onSpinWait();
        }
        return derived.getValue();
    }

    /** CompletableFuture: {@code thenApplyAsync} on the executor; spins until done. */
    @Benchmark
    public Object executorHop_future() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<Integer> derived = source.thenApplyAsync(INC, executor);
        source.complete(value);
        while (!derived.isDone()) {
            Thread.onSpinWait();
        }
        return derived.getNow(null);
    }

    /** Reactor: {@code publishOn} a scheduler over the executor; spins until the subscriber saw the value. */
    @Benchmark
    public Object executorHop_reactor() {
        hopped = null;
        Sinks.One<Integer> sink = Sinks.one();
        sink.asMono().publishOn(scheduler).map(INC).subscribe(observeHop);
        sink.tryEmitValue(value);
        Integer v;
        while ((v = hopped) == null) {
            Thread.onSpinWait();
        }
        return v;
    }
}
