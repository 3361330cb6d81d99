package io.iou;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An IOU: a value that will be provided later. "When we get this data, do these other things."
 *
 * <p>An IOU is <em>pending</em> until {@link #fulfill} or {@link #reject} settles it, exactly once.
 * Handlers added with {@link #addFulfilledHandler(Function)} or {@link #addRejectedHandler(Function)}
 * each return a new IOU settled by what the handler does, so outcomes travel down a chain:
 * <pre>{@code
 * IOU<Integer> original = new IOU<>();
 * original.addFulfilledHandler(v -> v + 7)
 *         .addFulfilledConsumer(v -> System.out.println("plus seven: " + v));
 * original.fulfill(10);
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li><b>Settle once.</b> The first {@code fulfill}, {@code reject} or {@code cancel} wins; later ones
 * return {@code false} and change nothing. Racing settlers never throw.</li>
 * <li><b>Exactly once, in order.</b> Every handler runs exactly once. Handlers are started (run, handed
 * to the executor, or kept to run next on the pool thread that settled their IOU) in the order they
 * were added, whether added before or after settling.</li>
 * <li><b>Pass-through.</b> A rejection skips fulfilled handlers: their IOUs are rejected with the
 * same reason until a rejected handler recovers it, and a fulfilment passes rejected handlers
 * unchanged. A handler that throws rejects its IOU with what it threw.</li>
 * <li><b>Chaining.</b> An IOU added as a handler, by {@link #addFulfilledHandler(IOU)} or
 * {@link #addRejectedHandler(IOU)}, settles exactly as this one does. It has no code to run, so both
 * forms mean the same thing: the target takes over the outcome, and with it the duty to handle a
 * rejection.</li>
 * <li><b>Flattening.</b> {@link #then} adopts the IOU its handler returns; resolving an IOU with
 * itself rejects it with an {@link IllegalStateException}. {@link #from(CompletionStage)} adopts a
 * {@code CompletionStage}.</li>
 * <li><b>Unhandled rejections.</b> A rejection that no handler, chained IOU, join, {@code await} or
 * {@code getValue} ever observed is reported once, when its IOU becomes unreachable, to
 * {@link IouHooks} (by default one log line with the stack trace). Java has no event-loop turn at
 * which "nobody handled it" is known, so reachability decides, as Netty's leak detector does.
 * Cancellations are never reported.</li>
 * <li><b>Cancellation.</b> {@link #cancel()} rejects with a {@link CancellationException}. Upstream,
 * it withdraws this IOU's interest: the IOU it was derived from is cancelled too, unless another
 * dependent still wants its outcome, and so on up to whatever produces the value (which learns of it
 * through {@link #onCancel}). So an IOU shared by several dependents keeps running until the last one
 * that wanted it is cancelled. {@link #timeout} cancels with a {@link TimeoutException}. Joins
 * withdraw from the inputs they no longer need once they settle.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * An IOU created without an executor runs its handlers synchronously: on the thread that settles
 * it, or, when it is already settled, on the thread that adds the handler. An IOU bound to an
 * {@link Executor} ({@link #bound}) hands every handler to that executor, and IOUs derived from it inherit the
 * executor, so a whole chain runs on the pool and independent branches run in parallel. A handler
 * that settles its IOU on the pool goes on with the next link of the chain on the same thread, rather
 * than handing it to the pool again: a chain hops onto the pool once (when several handlers wait on one
 * IOU, each is handed to the pool, as before). If the
 * executor refuses a handler, the handler's IOU is rejected with the executor's exception: nothing is
 * dropped silently. Settling never recurses: a chain of a million pending IOUs settles in a loop.
 *
 * <h2>Implementation</h2>
 * Modelled on {@code CompletableFuture} and Guava's {@code AbstractFuture}. Field {@code result}
 * holds the state and moves once, by CAS, from {@code null} (pending) to the value ({@link #NIL} for
 * {@code null}) or to a {@link Failure}. Field {@code stack} is a Treiber stack of {@link Completion}s
 * pushed by CAS. The settling thread alone drains it: it reads the head, reverses the nodes below it
 * to registration order and fires each entry, then closes the stack with a tombstone by a CAS that
 * expects that same head; if adders pushed meanwhile the CAS fails and it drains the new nodes down
 * to the old head the same way. An adder that finds the tombstone fires its completion itself. Only
 * the settler touches nodes below a head it has read, and adders only push above it, which is what
 * makes every completion fire exactly once; draining until nothing new arrived before closing is
 * what keeps registration order under concurrent adds. A completion is never pushed twice onto the
 * same IOU, so the head it compares against cannot come back (no ABA). An IOU settled with nothing
 * waiting is closed by one CAS. {@link #fulfilled}, {@link #rejected} and the IOU of a handler added
 * (without an executor) to an IOU already settled and drained are born settled and closed, as no
 * other thread can have seen them: they cost no atomic instruction (unless a hook such as
 * {@link PendingIous} marked them as they were created; then closing them takes one CAS). A derived
 * IOU is itself the completion of its source (one object per stage), and {@code fire} returns the IOU
 * it settled instead of running that IOU's completions, so {@link #postComplete} propagates a chain
 * iteratively. A fired stage drops its references to source and handler so that a long-lived IOU
 * does not keep a dead chain alive.
 *
 * <p>Size: a plain IOU holds only {@code result}, {@code stack} and its {@code next} link (24 bytes
 * with compressed pointers), and a stage adds only its source and handler (32 bytes): the executor
 * and the name live in a subclass ({@link Bound}) made by {@link #bound} and {@link #named}, and a
 * stage learns its executor from its settled source when it runs, keeping it in the source field
 * it no longer needs. Cancellation adds no field either: whether a dependent still wants an IOU's
 * outcome is read off the stack when another dependent withdraws (see {@link #cancel()}).
 *
 * <p>Files: this one holds the state machine, the stages and the other completions, in sections;
 * {@code Join} the joins, {@code Interest} cancellation by interest, {@code Watch} the reporting of
 * unhandled rejections, and {@code DaemonTimer} the default {@link IouTimer}.
 *
 * @param <T> the type of the value
 */
public class IOU<T extends @Nullable Object> extends Completion {

    /** The encoded {@code null} value. */
    static final Object NIL = new Object();

    private static final Tombstone TOMBSTONE = new Tombstone();

    private static final VarHandle RESULT;

    private static final VarHandle STACK;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RESULT = lookup.findVarHandle(IOU.class, "result", Object.class);
            STACK = lookup.findVarHandle(IOU.class, "stack", Completion.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** Null while pending, then the encoded value or a {@link Failure}; written once, by CAS. */
    volatile @Nullable Object result;

    /**
     * Completions waiting for this IOU, newest first, still linked while the settler drains them; a
     * {@link Tombstone} once closed.
     */
    volatile @Nullable Completion stack;

    // ----------------------------------------------------------------------------- making IOUs

    /** Creates a pending IOU whose handlers run synchronously. */
    public IOU() {
        created(this);
    }

    /**
     * For subclasses that must assign their own fields before the hooks hear of the IOU: they call
     * {@link #created} themselves, last.
     */
    IOU(boolean announce) {
        if (announce) {
            created(this);
        }
    }

    /**
     * Born settled, its stack already closed (under a {@link Watch} for a rejection): nothing can
     * have seen it yet, so plain writes do what a CAS and a drain would, and {@link #fulfilled} costs
     * no atomic instruction at all (one, when pending-IOU tracking marked it as it was created).
     */
    private IOU(Object settledWith) {
        created(this);
        settleUnseen(settledWith);
    }

    /**
     * Creates a pending IOU whose handlers, and those of every IOU derived from it, run on
     * {@code executor}.
     *
     * @param executor where handlers run
     * @param <T> the value type
     * @return a pending IOU bound to {@code executor}
     * @throws NullPointerException if {@code executor} is null
     */
    public static <T extends @Nullable Object> IOU<T> bound(Executor executor) {
        return new Bound<>(Objects.requireNonNull(executor, "executor"), null);
    }

    /**
     * Settles an IOU that no other thread can have seen yet, its stack closed (under a {@link Watch}
     * for a rejection): plain writes do what a CAS and a drain would.
     */
    final void settleUnseen(Object encoded) {
        RESULT.setRelease(this, encoded);
        if (stack != null) {
            // a hook marked it as it was created (PendingIous), on this thread: settle as usual
            settled(encoded);
            postComplete(this);
            return;
        }
        Tombstone closed = tombstone(false);
        STACK.setRelease(this, closed);
        settled(encoded);
        closed.arm(this);
    }

    /**
     * Creates a pending IOU with a name, which diagnostics show and metrics use as a tag, so that
     * "which IOU never settles" has an answer. Name the IOUs a program waits on (a remote call, a
     * job), not every stage: derived IOUs do not inherit the name.
     *
     * @param name a short, fixed name such as {@code "fetch-person"}: not an id or a user input
     * @param <T> the value type
     * @return a pending, named IOU whose handlers run synchronously
     * @throws NullPointerException if {@code name} is null
     */
    public static <T extends @Nullable Object> IOU<T> named(String name) {
        return new Bound<>(null, Objects.requireNonNull(name, "name"));
    }

    /**
     * Creates a pending IOU with a name, bound to {@code executor}; see {@link #named(String)}.
     *
     * @param name a short, fixed name
     * @param executor where handlers run
     * @param <T> the value type
     * @return a pending, named IOU
     * @throws NullPointerException if an argument is null
     */
    public static <T extends @Nullable Object> IOU<T> named(String name, Executor executor) {
        return new Bound<>(Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(name, "name"));
    }

    /**
     * Returns an IOU already fulfilled with {@code value}.
     *
     * @param value the value, possibly null
     * @param <T> the value type
     * @return a fulfilled IOU
     */
    public static <T extends @Nullable Object> IOU<T> fulfilled(T value) {
        return new IOU<>(value == null ? NIL : value);
    }

    /**
     * Returns an IOU already rejected with {@code reason}.
     *
     * @param reason why
     * @param <T> the value type
     * @return a rejected IOU
     * @throws NullPointerException if {@code reason} is null
     */
    public static <T extends @Nullable Object> IOU<T> rejected(Throwable reason) {
        return new IOU<>(new Failure(Objects.requireNonNull(reason, "reason")));
    }

    /**
     * Runs {@code task} on {@code executor} and returns an IOU of its result, bound to that executor.
     * If the executor refuses the task, the IOU is rejected with the executor's exception; if the IOU
     * is cancelled before the task starts, the task does not run.
     *
     * @param executor where the task and the IOU's handlers run
     * @param task the work
     * @param <T> the value type
     * @return an IOU of the task's result, rejected with whatever it throws
     * @throws NullPointerException if an argument is null
     */
    public static <T extends @Nullable Object> IOU<T> supply(Executor executor, Callable<? extends T> task) {
        Objects.requireNonNull(executor, "executor");
        Supplied<T> iou = new Supplied<>(executor, IouContext.wrap(Objects.requireNonNull(task, "task")));
        try {
            handTo(executor, iou);
        }
        catch (RejectedExecutionException ex) {
            iou.reject(ex);
        }
        return iou;
    }

    /**
     * Returns an IOU that adopts the outcome of {@code stage}; cancelling the IOU cancels the stage
     * where the stage supports it.
     *
     * @param stage the stage to adopt
     * @param <T> the value type
     * @return an IOU settled as the stage completes
     * @throws NullPointerException if {@code stage} is null
     */
    public static <T extends @Nullable Object> IOU<T> from(CompletionStage<? extends T> stage) {
        Objects.requireNonNull(stage, "stage");
        IOU<T> iou = new IOU<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                iou.fulfill(value);
            }
            else {
                iou.reject(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        });
        iou.onCancel(() -> {
            try {
                stage.toCompletableFuture().cancel(false);
            }
            catch (UnsupportedOperationException ex) {
                // a stage that cannot be viewed as a future cannot be cancelled either
            }
        });
        return iou;
    }

    // ----------------------------------------------------------------- settling and cancelling

    /**
     * Fulfils this IOU with {@code value} if it is still pending.
     *
     * @param value the value, possibly null
     * @return true if this call settled the IOU, false if it was already settled
     */
    public boolean fulfill(T value) {
        return settle(value == null ? NIL : value);
    }

    /**
     * Rejects this IOU with {@code reason} if it is still pending.
     *
     * @param reason why; never null
     * @return true if this call settled the IOU, false if it was already settled
     * @throws NullPointerException if {@code reason} is null
     */
    public boolean reject(Throwable reason) {
        return settle(new Failure(Objects.requireNonNull(reason, "reason")));
    }

    /**
     * Rejects this IOU with an {@link IouCancellationException} (a {@link CancellationException}
     * without a stack trace) if it is still pending, and withdraws its
     * interest from the IOU it was derived from (every input, for a join). Handlers that have not
     * started will not run their code; their IOUs are rejected with the same exception.
     *
     * <p>Withdrawing cancels the source only if no other dependent still wants its outcome, and so on
     * upstream: whatever produces the value stops once nobody wants it, and never while somebody still
     * does. The dependents that want an IOU's outcome, each while it waits, are the IOUs of handlers
     * ({@link #addFulfilledHandler(Function)}, {@link #addRejectedHandler(Function)}, {@link #then}),
     * chained IOUs, joins, {@linkplain #toCompletableFuture() futures} and
     * {@linkplain #whenSettled listeners}. Consumers ({@link #addFulfilledConsumer},
     * {@link #addRejectedConsumer}) only observe, unless a dependent that wants their own IOU's outcome
     * waits on it; {@link #onCancel} actions, {@link #timeout}s and {@link #await} only observe.
     *
     * @return true if this call cancelled the IOU, false if it was already settled
     */
    public boolean cancel() {
        return cancelWith(new IouCancellationException("IOU was cancelled"));
    }

    /**
     * Rejects this IOU with a {@link TimeoutException} if it is still pending after {@code timeout},
     * withdrawing its interest upstream as {@link #cancel()} does. The timer ({@link IouTimer}) is
     * dropped as soon as the IOU settles. With no executor, handlers then run on the timer's thread.
     *
     * @param timeout how long to wait; must be positive
     * @return this IOU
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public IOU<T> timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (result == null) {
            IouTimer.Timeout timer = IouTimer.current().schedule(
                    () -> cancelWith(new TimeoutException("IOU timed out after " + timeout)), timeout);
            addCompletion(new StopTimer(timer));
        }
        return this;
    }

    /**
     * Runs {@code action} if this IOU is cancelled (by {@link #cancel()}, a timeout, or the last
     * dependent that wanted its outcome being cancelled): the hook for whatever produces the value to
     * stop producing it. It only observes: it neither counts as handling a rejection nor keeps this
     * IOU from being cancelled.
     *
     * @param action what to do on cancellation; a failure it throws is reported as unhandled
     * @return this IOU
     * @throws NullPointerException if {@code action} is null
     */
    public IOU<T> onCancel(Runnable action) {
        addCompletion(new OnCancel(this, IouContext.wrap(Objects.requireNonNull(action, "action"))));
        return this;
    }

    // -------------------------------------------------------------------------------- handlers

    /**
     * Adds a handler for the value. Returns an IOU fulfilled with the handler's result, or rejected
     * with what it throws; if this IOU is rejected, the handler does not run and the returned IOU is
     * rejected with the same reason.
     *
     * @param handler maps the value
     * @param <R> the result type
     * @return the handler's IOU
     * @throws NullPointerException if {@code handler} is null
     */
    public <R extends @Nullable Object> IOU<R> addFulfilledHandler(Function<? super T, ? extends R> handler) {
        Objects.requireNonNull(handler, "handler");
        boolean now = runsNow();
        return push(new Apply<>(now ? null : this, now ? handler : IouContext.function(handler)), now);
    }

    /**
     * Chains {@code target}: it settles exactly as this IOU does, fulfilled or rejected. While pending,
     * {@code target} wants this IOU's outcome, and cancelling it withdraws that interest as cancelling
     * a handler's IOU does.
     *
     * @param target the IOU to settle
     * @throws NullPointerException if {@code target} is null
     */
    public void addFulfilledHandler(IOU<? super T> target) {
        Relay relay = new Relay(this, Objects.requireNonNull(target, "target"));
        // tells this IOU if the target is cancelled; a target that has settled has nothing to withdraw
        target.tryPush(new Unchain(relay));
        addCompletion(relay);
    }

    /**
     * Adds a handler for a rejection. Returns an IOU fulfilled with the handler's result (recovery),
     * or rejected with what it throws; if this IOU is fulfilled, the handler does not run and the
     * returned IOU is fulfilled with the same value.
     *
     * @param handler maps the reason to a value
     * @return the handler's IOU
     * @throws NullPointerException if {@code handler} is null
     */
    public IOU<T> addRejectedHandler(Function<? super Throwable, ? extends T> handler) {
        Objects.requireNonNull(handler, "handler");
        boolean now = runsNow();
        return push(new Recover<>(now ? null : this, now ? handler : IouContext.function(handler)), now);
    }

    /**
     * Chains {@code target}, exactly as {@link #addFulfilledHandler(IOU)} does: it settles as this
     * IOU does. An IOU runs no code, so the only way it can "handle" a rejection is to take it over;
     * the rejection then counts as handled here and is reported on {@code target} if nobody handles
     * it there.
     *
     * @param target the IOU to settle
     * @throws NullPointerException if {@code target} is null
     */
    public void addRejectedHandler(IOU<? super T> target) {
        addFulfilledHandler(target);
    }

    /**
     * Adds a handler that returns an IOU and flattens it: the returned IOU settles as the handler's
     * IOU does. If this IOU is rejected, the handler does not run and the returned IOU is rejected
     * with the same reason. A handler that returns null rejects with a {@link NullPointerException};
     * one that returns the very IOU it resolves rejects with an {@link IllegalStateException}.
     *
     * @param handler maps the value to an IOU
     * @param <R> the result type
     * @return an IOU settled as the handler's IOU
     * @throws NullPointerException if {@code handler} is null
     */
    public <R extends @Nullable Object> IOU<R> then(Function<? super T, ? extends IOU<? extends R>> handler) {
        Objects.requireNonNull(handler, "handler");
        boolean now = runsNow();
        return push(new FlatMap<>(now ? null : this, now ? handler : IouContext.function(handler)), now);
    }

    /**
     * Adds a consumer of the value, such as "print it". Returns an IOU fulfilled with {@code null}
     * once the consumer returned, or rejected with what it throws or with this IOU's rejection. A
     * consumer only observes: it does not keep this IOU from being cancelled when the dependents that
     * want its outcome are (see {@link #cancel()}), unless a dependent that wants the consumer's own
     * IOU waits on it.
     *
     * @param consumer reads the value
     * @return the consumer's IOU
     * @throws NullPointerException if {@code consumer} is null
     */
    public IOU<Void> addFulfilledConsumer(Consumer<? super T> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        boolean now = runsNow();
        return push(new Consume<>(now ? null : this, now ? consumer : IouContext.consumer(consumer)), now);
    }

    /**
     * Adds a consumer of a rejection, such as "log it". The rejection counts as handled: the returned
     * IOU is fulfilled with {@code null} once the consumer returned (or rejected with what it
     * throws), and with this IOU's value if it was fulfilled. Like {@link #addFulfilledConsumer}, it
     * only observes, so logging failures beside the main chain does not keep the chain's source
     * running once the main chain is cancelled.
     *
     * @param consumer reads the reason
     * @return the consumer's IOU
     * @throws NullPointerException if {@code consumer} is null
     */
    public IOU<T> addRejectedConsumer(Consumer<? super Throwable> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        boolean now = runsNow();
        return push(new ConsumeFailure<>(now ? null : this, now ? consumer : IouContext.consumer(consumer)), now);
    }

    /**
     * Returns an IOU that settles as this one does but runs its handlers, and those of IOUs derived
     * from it, on {@code executor}.
     *
     * @param executor where handlers of the returned IOU run
     * @return the re-bound IOU
     * @throws NullPointerException if {@code executor} is null
     */
    public IOU<T> withExecutor(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        boolean now = runsNow();
        return push(new Rebind<>(now ? null : this, executor), now);
    }

    // ------------------------------------------------------------------------------ inspecting

    /**
     * Returns the executor handlers run on. A subclass that binds its IOUs to an executor overrides
     * this, and must always return the same executor.
     *
     * @return the executor, or {@code null} when handlers run synchronously
     */
    public @Nullable Executor executor() {
        return null;
    }

    /**
     * Returns the name given by {@link #named}.
     *
     * @return the name, or {@code null}
     */
    public @Nullable String name() {
        return null;
    }

    /**
     * Counts the handlers, chained IOUs and watchers waiting for this IOU to settle: a snapshot for
     * diagnostics, racing with concurrent adds.
     *
     * @return how many are waiting; 0 once settled
     */
    public int waitingHandlers() {
        if (result != null) {
            // a settling IOU's stack still links the completions it is running
            return 0;
        }
        int n = 0;
        for (Completion c = stack; c != null && !(c instanceof Tombstone); c = c.next) {
            if (!(c instanceof PendingIous.Marker)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether this IOU is still pending.
     *
     * @return true until it settles
     */
    public boolean isPending() {
        return result == null;
    }

    /**
     * Whether this IOU was fulfilled.
     *
     * @return true once fulfilled
     */
    public boolean isFulfilled() {
        Object r = result;
        return r != null && !(r instanceof Failure);
    }

    /**
     * Whether this IOU was rejected, cancellation and timeout included.
     *
     * @return true once rejected
     */
    public boolean isRejected() {
        return result instanceof Failure;
    }

    /**
     * Whether this IOU was rejected with a {@link CancellationException}.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return result instanceof Failure failure && failure.reason instanceof CancellationException;
    }

    /**
     * Returns the value once fulfilled, or the exception once rejected (which counts as handling the
     * rejection), or {@code null} while pending.
     *
     * @return the value, the reason, or null
     */
    public @Nullable Object getValue() {
        Object r = observe();
        return r instanceof Failure failure ? failure.reason : decode(r);
    }

    /**
     * Waits up to {@code timeout} for this IOU to settle; for tests and the edges of a program,
     * never inside a handler.
     *
     * @param timeout how long to wait
     * @return the value
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws TimeoutException if the IOU is still pending after {@code timeout}
     * @throws CancellationException if the IOU was cancelled
     * @throws CompletionException wrapping the reason, if the IOU was rejected
     */
    public T await(Duration timeout) throws InterruptedException, TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        if (result == null) {
            addCompletion(new Waiter());
            long deadline = System.nanoTime() + DaemonTimer.saturatedNanos(timeout);
            while (result == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("IOU still pending after " + timeout);
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        Object r = observe();
        if (r instanceof Failure failure) {
            if (failure.reason instanceof CancellationException cancelled) {
                throw cancelled;
            }
            throw new CompletionException(failure.reason);
        }
        return decode(r);
    }

    // --------------------------------------------------------------------------------- interop

    /**
     * Returns a {@link CompletableFuture} completed as this IOU settles, on the settling thread.
     * Cancelling the future withdraws its interest: this IOU is cancelled unless another dependent
     * still wants its outcome (see {@link #cancel()}).
     *
     * @return a new future
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> future = new CompletableFuture<>();
        ToFuture<T> view = new ToFuture<>(this, future);
        addCompletion(view);
        future.whenComplete((value, failure) -> {
            if (future.isCancelled()) {
                Interest.withdrawn(this, view);
            }
        });
        return future;
    }

    /**
     * Calls {@code listener} once, with the value and {@code null} or with {@code null} and the
     * reason, on the thread that settles this IOU, or on this thread if it has settled. Unlike a
     * handler it never runs on the IOU's executor: it is for bridges to other async types (a Reactive
     * Streams publisher, a future), which pass the outcome on themselves, so it must be quick and must
     * not block. The listener takes charge of a rejection, and it wants this IOU's outcome (see
     * {@link #cancel()}) until it is called or its subscription is cancelled.
     *
     * @param listener receives the outcome; a failure it throws is reported as unhandled
     * @return the listener's subscription: cancelling it withdraws the listener's interest
     * @throws NullPointerException if {@code listener} is null
     */
    public IouSubscription whenSettled(BiConsumer<? super @Nullable T, ? super @Nullable Throwable> listener) {
        Listener<T> subscription = new Listener<>(this, Objects.requireNonNull(listener, "listener"));
        addCompletion(subscription);
        return subscription;
    }

    // ----------------------------------------------------------------------- joins (Join.java)

    /**
     * Fulfils with the list of all values, in input order, once every input is fulfilled; rejects
     * with the first rejection, and then withdraws from the inputs still pending, cancelling each that
     * no other dependent wants (see {@link #cancel()}). Cancelling the result withdraws from every
     * input the same way. The result runs its handlers on the first input's executor.
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU of all values; fulfilled with an empty list when there are no inputs
     * @throws NullPointerException if {@code ious} or an element is null
     */
    public static <T extends @Nullable Object> IOU<List<T>> all(Collection<? extends IOU<? extends T>> ious) {
        return Join.start(Join.ALL, ious);
    }

    /**
     * Varargs form of {@link #all(Collection)}.
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU of all values
     */
    @SafeVarargs
    public static <T extends @Nullable Object> IOU<List<T>> all(IOU<? extends T>... ious) {
        return all(Arrays.asList(Objects.requireNonNull(ious, "ious")));
    }

    /**
     * Fulfils with the first fulfilment, and then withdraws from the inputs still pending, cancelling
     * each that no other dependent wants (see {@link #cancel()}); rejects with an
     * {@link IouAggregateException} of every reason, in input order, once all inputs are rejected (at
     * once when there are none).
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU of the first value
     * @throws NullPointerException if {@code ious} or an element is null
     */
    public static <T extends @Nullable Object> IOU<T> any(Collection<? extends IOU<? extends T>> ious) {
        return Join.start(Join.ANY, ious);
    }

    /**
     * Varargs form of {@link #any(Collection)}.
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU of the first value
     */
    @SafeVarargs
    public static <T extends @Nullable Object> IOU<T> any(IOU<? extends T>... ious) {
        return any(Arrays.asList(Objects.requireNonNull(ious, "ious")));
    }

    /**
     * Settles as the first input to settle, fulfilled or rejected, and then withdraws from the
     * others, cancelling each loser that no other dependent wants (see {@link #cancel()}): a hedged
     * request stops the slower call.
     *
     * @param ious the inputs; at least one, since a race of none would never settle
     * @param <T> the value type
     * @return an IOU settled by the first input to settle
     * @throws NullPointerException if {@code ious} or an element is null
     * @throws IllegalArgumentException if {@code ious} is empty
     */
    public static <T extends @Nullable Object> IOU<T> race(Collection<? extends IOU<? extends T>> ious) {
        Objects.requireNonNull(ious, "ious");
        if (ious.isEmpty()) {
            throw new IllegalArgumentException("race needs at least one IOU: a race of none never settles");
        }
        return Join.start(Join.RACE, ious);
    }

    /**
     * Varargs form of {@link #race(Collection)}.
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU settled by the first input to settle
     */
    @SafeVarargs
    public static <T extends @Nullable Object> IOU<T> race(IOU<? extends T>... ious) {
        return race(Arrays.asList(Objects.requireNonNull(ious, "ious")));
    }

    /**
     * Fulfils, once every input has settled, with how each settled, in input order. Never rejects
     * (except by cancellation, which withdraws from every input as {@link #all} does); every input's
     * rejection counts as handled.
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU of the outcomes
     * @throws NullPointerException if {@code ious} or an element is null
     */
    public static <T extends @Nullable Object> IOU<List<Outcome<T>>> allSettled(
            Collection<? extends IOU<? extends T>> ious) {
        return Join.start(Join.SETTLED, ious);
    }

    /**
     * Varargs form of {@link #allSettled(Collection)}.
     *
     * @param ious the inputs
     * @param <T> the value type
     * @return an IOU of the outcomes
     */
    @SafeVarargs
    public static <T extends @Nullable Object> IOU<List<Outcome<T>>> allSettled(IOU<? extends T>... ious) {
        return allSettled(Arrays.asList(Objects.requireNonNull(ious, "ious")));
    }

    @Override
    public String toString() {
        Object r = result;
        String state = r == null ? "pending"
                : r instanceof Failure failure ? "rejected: " + failure.reason
                : "fulfilled: " + decode(r);
        String name = name();
        return name == null ? "IOU[" + state + "]" : "IOU " + name + "[" + state + "]";
    }

    // ----------------------------------------------------------------------- the state machine

    /** Plain IOUs never listen to anything: only their subclasses are pushed as completions. */
    @Override
    IOU<?> fire() {
        throw new IllegalStateException("a plain IOU is not a completion");
    }

    /**
     * Withdraws this cancelled IOU's interest from what it was derived from. A plain IOU has nothing
     * upstream; one chained to another tells its source through an {@link Unchain}.
     */
    void withdrawUpstream() {
    }

    final boolean cancelWith(Throwable reason) {
        if (!trySettle(new Failure(reason, true))) {
            return false;
        }
        // upstream first, so that whoever sees this IOU cancelled also sees its producer cancelled
        withdrawUpstream();
        postComplete(this);
        return true;
    }

    /** Settles and runs the completions. */
    final boolean settle(Object encoded) {
        if (!trySettle(encoded)) {
            return false;
        }
        postComplete(this);
        return true;
    }

    /**
     * Moves {@code result} from pending to {@code encoded} and tells the hooks, without running the
     * completions: the caller runs them, in {@link #postComplete}.
     */
    final boolean trySettle(Object encoded) {
        if (!RESULT.compareAndSet(this, null, encoded)) {
            return false;
        }
        settled(encoded);
        return true;
    }

    /** Tells the hooks that this IOU settled with {@code encoded}. */
    private void settled(Object encoded) {
        IouHook hook = IouHooks.current;
        if (hook != null) {
            try {
                if (encoded instanceof Failure failure) {
                    if (failure.cancelled) {
                        hook.cancelled(this, failure.reason);
                    }
                    else {
                        hook.rejected(this, failure.reason);
                    }
                }
                else {
                    hook.fulfilled(this);
                }
            }
            catch (Throwable hookFailure) {
                IouHooks.reportUnhandled(hookFailure);
            }
        }
    }

    private static void created(IOU<?> iou) {
        IouHook hook = IouHooks.current;
        if (hook != null) {
            try {
                hook.created(iou);
            }
            catch (Throwable hookFailure) {
                IouHooks.reportUnhandled(hookFailure);
            }
        }
    }

    /**
     * Runs the completions of {@code settled} and then, breadth first, of every IOU they settle, in a
     * loop: the trampoline that keeps a million-link chain off the call stack. Only the thread that
     * settled an IOU drains it, and only the part below the head it read, so each completion fires
     * once. While it drains, late adders still push above that head: they run after the batch
     * already taken, which keeps registration order even for handlers added during settlement. Once
     * the head is unchanged the stack is closed with a {@link Tombstone} and later adders fire their
     * completions themselves. Compared with swapping the stack out first, this saves one atomic
     * instruction per settled IOU.
     */
    static void postComplete(IOU<?> settled) {
        postComplete(settled, null);
    }

    /**
     * {@link #postComplete(IOU)} on a thread that {@code running} gave a handler to, or with
     * {@code running} null anywhere else. A stage that would be handed to {@code running} is run on
     * this thread instead, after the IOU it waits on has been drained, as the continuation of the
     * handler that settled that IOU: a chain on a pool hops onto the pool once, not at every link. Only
     * a stage that is the last completion of its drain runs here, only if no other stage of that drain
     * was handed to the executor, and only if no other IOU settled by this drain waits to be drained:
     * when anything comes after it, it is handed over first (and so is every later stage), so handlers
     * still start in the order they were added, a serial executor still runs them in that order, and a
     * fan-out (direct, or through chained IOUs and joins) still runs in parallel.
     */
    static void postComplete(IOU<?> settled, @Nullable Executor running) {
        if (settled.closeIfIdle()) {
            return;
        }
        IOU<?> x = settled;
        IOU<?> following = null;
        ArrayDeque<IOU<?>> queued = null;
        for (;;) {
            boolean rejected = x.result instanceof Failure;
            boolean handled = false;
            // stages waiting on x run on x's executor: the one this thread works for, or not
            boolean continues = running != null && x.executor() == running;
            Stage<?, ?> continuation = null;
            Completion top = x.stack;
            Completion bottom = null;
            for (;;) {
                Completion batch = null;
                for (Completion h = top; h != bottom;) {
                    Completion n = h.next;
                    h.next = batch;
                    batch = h;
                    h = n;
                }
                while (batch != null) {
                    Completion c = batch;
                    batch = c.next;
                    IOU<?> d;
                    if (continuation != null) {
                        // c comes after the stage held back, which is handed to the executor first, as
                        // is every later stage (a serial executor keeps their order); c comes round again
                        d = fireSafely(continuation);
                        continuation = null;
                        continues = false;
                        batch = c;
                    }
                    else {
                        c.next = null;
                        if (rejected && !handled) {
                            handled = c.handlesRejection();
                        }
                        Stage<?, ?> held = continues ? heldBack(c, x) : null;
                        if (held != null) {
                            // it runs on this thread once x is drained, if nothing comes after it
                            continuation = held;
                            d = null;
                        }
                        else {
                            d = fireSafely(c);
                        }
                    }
                    if (d != null && !d.closeIfIdle()) {
                        if (following == null) {
                            following = d;
                        }
                        else {
                            queued = later(queued, d);
                        }
                    }
                }
                Tombstone tombstone = x.tombstone(handled);
                if (STACK.compareAndSet(x, top, tombstone)) {
                    tombstone.arm(x);
                    break;
                }
                bottom = top;
                top = x.stack;
            }
            if (continuation != null) {
                // with other IOUs still to drain, running it here would make them wait for it: a
                // fan-out through relays or joins would run one branch after another
                IOU<?> d = following == null ? continuation.apply() : fireSafely(continuation);
                if (d != null && !d.closeIfIdle()) {
                    if (following == null) {
                        following = d;
                    }
                    else {
                        queued = later(queued, d);
                    }
                }
            }
            if (following == null) {
                return;
            }
            x = following;
            following = queued == null ? null : queued.poll();
        }
    }

    /**
     * {@code c} as a stage that would hand its handler to {@code x}'s executor (x is its source), or
     * null.
     */
    private static @Nullable Stage<?, ?> heldBack(Completion c, IOU<?> x) {
        return c instanceof Stage<?, ?> stage && stage.source == x && !(c instanceof Rebind) ? stage : null;
    }

    /** Fires {@code c}; completions catch their handlers' failures, this guards the rest of a batch. */
    private static @Nullable IOU<?> fireSafely(Completion c) {
        try {
            return c.fire();
        }
        catch (Throwable unexpected) {
            IouHooks.reportUnhandled(unexpected);
            return null;
        }
    }

    /**
     * The executor this thread is handing a task to, while it does. An executor that runs a task on
     * the thread that hands it over (a caller-runs policy, a direct executor) runs it inside
     * {@link #handTo}: that thread does not work for the executor, and must not go on with the
     * executor's next handler as a pool thread would.
     */
    private static final ThreadLocal<@Nullable Executor> HANDING_TO = new ThreadLocal<>();

    /** Hands {@code task} to {@code executor}, noting it for {@link #worksFor}. */
    static void handTo(Executor executor, Runnable task) {
        Executor outer = HANDING_TO.get();
        HANDING_TO.set(executor);
        try {
            executor.execute(task);
        }
        finally {
            HANDING_TO.set(outer);
        }
    }

    /**
     * {@code executor}, if this thread, running one of its tasks, is one of its threads rather than
     * the thread that handed the task over; otherwise null.
     */
    static @Nullable Executor worksFor(Executor executor) {
        return HANDING_TO.get() == executor ? null : executor;
    }

    /** Queues {@code d} to be drained after the IOUs queued before it. */
    private static ArrayDeque<IOU<?>> later(@Nullable ArrayDeque<IOU<?>> queued, IOU<?> d) {
        ArrayDeque<IOU<?>> q = queued != null ? queued : new ArrayDeque<>();
        q.add(d);
        return q;
    }

    /** Closes the stack of a just-settled IOU that nothing waits on; false if something does. */
    private boolean closeIfIdle() {
        if (stack != null) {
            return false;
        }
        Tombstone tombstone = tombstone(false);
        if (!STACK.compareAndSet(this, null, tombstone)) {
            return false;
        }
        tombstone.arm(this);
        return true;
    }

    /**
     * The tombstone that closes this settled IOU's stack: a {@link Watch} for a rejection that no
     * completion took charge of, so that it is reported if the IOU becomes unreachable first.
     */
    private Tombstone tombstone(boolean handled) {
        if (!handled && result instanceof Failure failure && !(failure.reason instanceof CancellationException)) {
            return new Watch(failure.reason);
        }
        return TOMBSTONE;
    }

    /**
     * Adds a derived IOU and returns it. When {@code now} (see {@link #runsNow}: this IOU runs handlers
     * synchronously and has settled and drained), the stage runs here and now, and as no other thread
     * can have seen it yet, it settles without an atomic instruction. Such a stage was made without a
     * reference to this IOU, so that when this IOU is a temporary ({@code IOU.fulfilled(v).addFulfilledHandler(f)})
     * escape analysis can do without it.
     */
    private <R> IOU<R> push(Stage<?, R> stage, boolean now) {
        if (now) {
            ((Tombstone) stack).handled();
            stage.runNow(this);
        }
        else {
            addCompletion(stage);
        }
        return stage;
    }

    /** Adds {@code c} to wait for this IOU, or fires it now if this IOU is already settled. */
    final void addCompletion(Completion c) {
        if (!tryPush(c)) {
            IOU<?> settled = c.fire();
            if (settled != null) {
                postComplete(settled);
            }
        }
    }

    /**
     * Pushes {@code c} unless the stack is closed. Returns false when this IOU has settled and its
     * completions were detached: the caller must then fire {@code c} itself.
     */
    final boolean tryPush(Completion c) {
        for (;;) {
            Completion h = stack;
            if (h instanceof Tombstone tombstone) {
                c.next = null;
                if (c.handlesRejection()) {
                    tombstone.handled();
                }
                return false;
            }
            c.next = h;
            if (STACK.compareAndSet(this, h, c)) {
                return true;
            }
        }
    }

    /**
     * Whether a handler added now runs on this thread at once: no executor, and settled and drained.
     * Such a handler needs no captured context, as it runs where it is added.
     */
    private boolean runsNow() {
        return stack instanceof Tombstone && executor() == null;
    }

    /** Reads the result, marking a rejection as handled by whoever reads it. */
    final Object observe() {
        Object r = result;
        if (r instanceof Failure && stack instanceof Tombstone tombstone) {
            tombstone.handled();
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static <T extends @Nullable Object> T decode(@Nullable Object r) {
        return r == NIL ? null : (T) r;
    }

    // -------------------------------------------------------------------- what the state holds

    /** A rejection, as stored in {@code result}. */
    static final class Failure {

        final Throwable reason;

        /** Whether this rejection came from {@link #cancel()} or a timeout, which {@link #onCancel} reacts to. */
        final boolean cancelled;

        Failure(Throwable reason) {
            this(reason, false);
        }

        Failure(Throwable reason, boolean cancelled) {
            this.reason = reason;
            this.cancelled = cancelled;
        }
    }

    /** Marks a stack that is closed. */
    static class Tombstone extends Completion {

        @Override
        IOU<?> fire() {
            throw new IllegalStateException("a tombstone is never fired");
        }

        /** Called when something observes the settled IOU's rejection. */
        void handled() {
        }

        /** Called once the tombstone closes {@code iou}'s stack. */
        void arm(IOU<?> iou) {
        }
    }

    /**
     * An IOU bound to an executor, or named: the fields a plain IOU does without. It assigns them
     * before the hooks hear of it, so that they can read its name.
     */
    static class Bound<T> extends IOU<T> {

        private final @Nullable Executor executor;

        private final @Nullable String name;

        Bound(@Nullable Executor executor, @Nullable String name) {
            super(false);
            this.executor = executor;
            this.name = name;
            created(this);
        }

        @Override
        public @Nullable Executor executor() {
            return executor;
        }

        @Override
        public @Nullable String name() {
            return name;
        }
    }

    /**
     * The IOU of {@link #supply}, and its own task: an executor that drops its queued tasks (as a pool
     * shutting down does) finds an IOU there, which it can reject, rather than a lambda it can only
     * discard.
     */
    static final class Supplied<T> extends Bound<T> implements Runnable {

        private @Nullable Callable<? extends T> task;

        Supplied(Executor executor, Callable<? extends T> task) {
            super(executor, null);
            this.task = task;
        }

        @Override
        public void run() {
            Callable<? extends T> work = task;
            // dropped once taken, so a long-lived IOU does not keep the task's captures alive
            task = null;
            if (work == null || result != null) {
                return;
            }
            Object encoded;
            try {
                T value = work.call();
                encoded = value == null ? NIL : value;
            }
            catch (Throwable ex) {
                encoded = new Failure(ex);
            }
            if (trySettle(encoded)) {
                // on one of the executor's threads, a handler that waits to run there goes on here
                postComplete(this, worksFor(executor()));
            }
        }
    }

    // --------------------------------- stages: derived IOUs, each the completion of its source

    /**
     * A derived IOU: the completion of its source that runs a handler and settles itself. With an
     * executor, firing hands the stage to the executor (it is its own task).
     *
     * <p>A stage has no executor field: it runs where its source's handlers run, which it learns when
     * it runs, from the settled source, and then keeps in {@link #source}, which it no longer needs.
     * That is what keeps a stage at 32 bytes.
     */
    abstract static class Stage<S, T> extends IOU<T> implements Runnable {

        /**
         * The IOU this stage waits on until it runs; then the executor it ran with (null for none),
         * which its own dependents inherit.
         */
        @Nullable Object source;

        /** With {@code source} null for a stage that {@link #runNow runs now}. */
        Stage(@Nullable IOU<? extends S> source) {
            this.source = source;
        }

        /**
         * Its source's executor, learnt from its settled source once it has run; until then found
         * by walking up the chain of stages that inherit theirs, in a loop.
         */
        @Override
        public @Nullable Executor executor() {
            Stage<?, ?> stage = this;
            for (;;) {
                Object known = stage.ownExecutor();
                if (!(known instanceof IOU<?> up)) {
                    return (Executor) known;
                }
                if (!(up instanceof Stage<?, ?> upStage)) {
                    return up.executor();
                }
                stage = upStage;
            }
        }

        /**
         * The executor this stage runs its handler with, or, while that is its source's and not yet
         * learnt, the source.
         */
        @Nullable Object ownExecutor() {
            return source;
        }

        @Override
        IOU<?> fire() {
            if (result != null) {
                // cancelled before its source settled: nothing to run, and no executor to look up
                return null;
            }
            Executor executor = ((IOU<?>) source).executor();
            if (executor == null) {
                return apply();
            }
            try {
                handTo(executor, this);
                return null;
            }
            catch (Throwable refused) {
                // a saturated or shut-down pool must not lose the handler: its IOU carries the refusal
                source = executor;
                return trySettle(new Failure(refused)) ? this : null;
            }
        }

        /** Runs the stage on the executor. */
        @Override
        public final void run() {
            IOU<?> settled = apply();
            if (settled != null) {
                // source is now the executor running this: on one of its threads, stages that wait on
                // this one and run there go on here
                postComplete(settled, source instanceof Executor running ? worksFor(running) : null);
            }
        }

        /**
         * Runs the handler unless this stage was settled (cancelled) meanwhile, and settles it.
         * Returns this stage if it settled it.
         */
        final IOU<?> apply() {
            if (!(source instanceof IOU<?> from)) {
                return null;
            }
            source = from.executor();
            if (result != null) {
                return null;
            }
            Object encoded;
            try {
                encoded = compute(from, from.result);
            }
            catch (Throwable handlerFailure) {
                encoded = new Failure(handlerFailure);
            }
            return encoded != null && trySettle(encoded) ? this : null;
        }

        /**
         * Runs the stage on the thread that adds it, its source settled and drained, with no
         * executor, and the stage not yet seen by any other thread (see {@link #push}).
         */
        final void runNow(IOU<?> from) {
            Object encoded;
            try {
                encoded = compute(from, from.result);
            }
            catch (Throwable handlerFailure) {
                encoded = new Failure(handlerFailure);
            }
            if (encoded != null) {
                settleUnseen(encoded);
            }
        }

        /**
         * Returns the encoded outcome for the encoded {@code r} of {@code from}, the source that fired
         * this stage, or null when the stage settles itself later (flattening).
         */
        abstract Object compute(IOU<?> from, Object r) throws Throwable;

        @Override
        void withdrawUpstream() {
            if (source instanceof IOU<?> up) {
                Interest.withdrawn(up, this);
            }
        }

        /** A handler's IOU wants its source's outcome while it waits. */
        @Override
        int interest() {
            return result == null ? WANTS : NONE;
        }
    }

    /** {@link #addFulfilledHandler(Function)}. */
    static final class Apply<S, T> extends Stage<S, T> {

        private Function<? super S, ? extends T> fn;

        Apply(@Nullable IOU<? extends S> source, Function<? super S, ? extends T> fn) {
            super(source);
            this.fn = fn;
        }

        @Override
        Object compute(IOU<?> from, Object r) {
            Function<? super S, ? extends T> f = fn;
            fn = null;
            return map(f, r);
        }

        /** The encoded outcome of {@code f} for the encoded {@code r}: a rejection passes through. */
        static <S, T> Object map(Function<? super S, ? extends T> f, Object r) {
            if (r instanceof Failure) {
                return r;
            }
            T value = f.apply(decode(r));
            return value == null ? NIL : value;
        }
    }

    /** {@link #addRejectedHandler(Function)}. */
    static final class Recover<T> extends Stage<T, T> {

        private Function<? super Throwable, ? extends T> fn;

        Recover(@Nullable IOU<? extends T> source, Function<? super Throwable, ? extends T> fn) {
            super(source);
            this.fn = fn;
        }

        @Override
        Object compute(IOU<?> from, Object r) {
            Function<? super Throwable, ? extends T> f = fn;
            fn = null;
            return recover(f, r);
        }

        /** The encoded outcome of {@code f} for the encoded {@code r}: a value passes through. */
        static <T> Object recover(Function<? super Throwable, ? extends T> f, Object r) {
            if (!(r instanceof Failure failure)) {
                return r;
            }
            T value = f.apply(failure.reason);
            return value == null ? NIL : value;
        }
    }

    /** {@link #addFulfilledConsumer}: an observer, unless something that wants its own IOU waits on it. */
    static final class Consume<S> extends Stage<S, Void> {

        private Consumer<? super S> fn;

        Consume(@Nullable IOU<? extends S> source, Consumer<? super S> fn) {
            super(source);
            this.fn = fn;
        }

        @Override
        Object compute(IOU<?> from, Object r) {
            Consumer<? super S> f = fn;
            fn = null;
            if (r instanceof Failure) {
                return r;
            }
            f.accept(decode(r));
            return NIL;
        }

        @Override
        int interest() {
            return result == null ? THROUGH_DEPENDENTS : NONE;
        }
    }

    /** {@link #addRejectedConsumer}: an observer, as {@link Consume}. */
    static final class ConsumeFailure<T> extends Stage<T, T> {

        private Consumer<? super Throwable> fn;

        ConsumeFailure(@Nullable IOU<? extends T> source, Consumer<? super Throwable> fn) {
            super(source);
            this.fn = fn;
        }

        @Override
        Object compute(IOU<?> from, Object r) {
            Consumer<? super Throwable> f = fn;
            fn = null;
            if (!(r instanceof Failure failure)) {
                return r;
            }
            f.accept(failure.reason);
            return NIL;
        }

        @Override
        int interest() {
            return result == null ? THROUGH_DEPENDENTS : NONE;
        }
    }

    /**
     * {@link #withExecutor}: passes the outcome through on the settling thread (nothing runs that
     * needs the pool) and binds the stages derived from it to its own executor.
     */
    static final class Rebind<T> extends Stage<T, T> {

        private final Executor executor;

        Rebind(@Nullable IOU<? extends T> source, Executor executor) {
            super(source);
            this.executor = executor;
        }

        @Override
        Object ownExecutor() {
            return executor;
        }

        @Override
        IOU<?> fire() {
            return apply();
        }

        @Override
        Object compute(IOU<?> from, Object r) {
            return r;
        }
    }

    /**
     * {@link #then}. After the handler ran, the stage waits on the IOU the handler returned, as the
     * completion of that IOU, and settles as it does.
     */
    static final class FlatMap<S, T> extends Stage<S, T> {

        private Function<? super S, ? extends IOU<? extends T>> fn;

        /** The handler's IOU, once the handler has run. */
        private @Nullable IOU<? extends T> inner;

        FlatMap(@Nullable IOU<? extends S> source, Function<? super S, ? extends IOU<? extends T>> fn) {
            super(source);
            this.fn = fn;
        }

        @Override
        IOU<?> fire() {
            IOU<? extends T> adopted = inner;
            if (adopted == null) {
                return super.fire();
            }
            inner = null;
            return trySettle(adopted.result) ? this : null;
        }

        @Override
        Object compute(IOU<?> from, Object r) {
            Function<? super S, ? extends IOU<? extends T>> f = fn;
            fn = null;
            if (r instanceof Failure) {
                return r;
            }
            IOU<? extends T> returned = f.apply(decode(r));
            if (returned == null) {
                return new Failure(new NullPointerException("then() handler returned null instead of an IOU"));
            }
            if (returned == this) {
                return new Failure(new IllegalStateException("an IOU cannot be resolved with itself"));
            }
            // never pushed back onto the IOU that fired it: while that IOU drains, this stage may be
            // the head its drainer compares against to see that nothing new arrived (ABA)
            inner = returned;
            if (returned != from && returned.tryPush(this)) {
                return null;
            }
            inner = null;
            return returned.observe();
        }

        /** Once its handler has run, it waits on the handler's IOU, and withdraws from that. */
        @Override
        void withdrawUpstream() {
            IOU<?> up = inner;
            if (up != null) {
                Interest.withdrawn(up, this);
            }
            else {
                super.withdrawUpstream();
            }
        }
    }

    // ----------------------------------------------------------- completions that are not IOUs

    /** {@link #addFulfilledHandler(IOU)}: settles a target IOU as the source settles. */
    static final class Relay extends Completion {

        private final IOU<?> source;

        private final IOU<?> target;

        Relay(IOU<?> source, IOU<?> target) {
            this.source = source;
            this.target = target;
        }

        @Override
        IOU<?> fire() {
            return target.trySettle(source.result) ? target : null;
        }

        /** A chained IOU wants its source's outcome while it is pending. */
        @Override
        int interest() {
            return target.result == null ? WANTS : NONE;
        }
    }

    /**
     * Waits on the target of a {@link Relay}: if the target is cancelled, the relay no longer wants
     * its source's outcome, which the source must hear of, as the target has no link back to it.
     */
    static final class Unchain extends Completion {

        private final Relay relay;

        Unchain(Relay relay) {
            this.relay = relay;
        }

        @Override
        IOU<?> fire() {
            if (relay.target.result instanceof Failure failure && failure.cancelled) {
                Interest.withdrawn(relay.source, relay);
            }
            return null;
        }

        @Override
        boolean handlesRejection() {
            return false;
        }
    }

    /** {@link #onCancel}. */
    static final class OnCancel extends Completion {

        private final IOU<?> source;

        private final Runnable action;

        OnCancel(IOU<?> source, Runnable action) {
            this.source = source;
            this.action = action;
        }

        @Override
        IOU<?> fire() {
            if (source.result instanceof Failure failure && failure.cancelled) {
                try {
                    action.run();
                }
                catch (Throwable actionFailure) {
                    IouHooks.reportUnhandled(actionFailure);
                }
            }
            return null;
        }

        @Override
        boolean handlesRejection() {
            return false;
        }
    }

    /** Drops the timer of {@link #timeout} once the IOU settles, so the timer queue holds no dead IOU. */
    static final class StopTimer extends Completion {

        private final IouTimer.Timeout timer;

        StopTimer(IouTimer.Timeout timer) {
            this.timer = timer;
        }

        @Override
        IOU<?> fire() {
            timer.cancel();
            return null;
        }

        @Override
        boolean handlesRejection() {
            return false;
        }
    }

    /** Wakes a thread in {@link #await}. */
    static final class Waiter extends Completion {

        private final Thread thread = Thread.currentThread();

        @Override
        IOU<?> fire() {
            LockSupport.unpark(thread);
            return null;
        }
    }

    /** {@link #toCompletableFuture()}. */
    static final class ToFuture<T> extends Completion {

        private final IOU<T> source;

        private final CompletableFuture<T> future;

        ToFuture(IOU<T> source, CompletableFuture<T> future) {
            this.source = source;
            this.future = future;
        }

        @Override
        IOU<?> fire() {
            Object r = source.result;
            if (r instanceof Failure failure) {
                future.completeExceptionally(failure.reason);
            }
            else {
                future.complete(decode(r));
            }
            return null;
        }

        @Override
        int interest() {
            return future.isDone() ? NONE : WANTS;
        }
    }

    /** {@link #whenSettled}: calls its listener once, unless its subscription is cancelled first. */
    static final class Listener<T> extends Completion implements IouSubscription {

        private static final VarHandle LISTENER;

        static {
            try {
                LISTENER = MethodHandles.lookup().findVarHandle(Listener.class, "listener", BiConsumer.class);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final IOU<T> source;

        /** Taken, by CAS, by whichever comes first: the outcome or a cancel. */
        private volatile @Nullable BiConsumer<? super @Nullable T, ? super @Nullable Throwable> listener;

        Listener(IOU<T> source, BiConsumer<? super @Nullable T, ? super @Nullable Throwable> listener) {
            this.source = source;
            this.listener = listener;
        }

        @Override
        @SuppressWarnings("unchecked")
        IOU<?> fire() {
            BiConsumer<? super @Nullable T, ? super @Nullable Throwable> l =
                    (BiConsumer<? super @Nullable T, ? super @Nullable Throwable>) LISTENER.getAndSet(this, null);
            if (l != null) {
                Object r = source.result;
                try {
                    if (r instanceof Failure failure) {
                        l.accept(null, failure.reason);
                    }
                    else {
                        l.accept(decode(r), null);
                    }
                }
                catch (Throwable listenerFailure) {
                    IouHooks.reportUnhandled(listenerFailure);
                }
            }
            return null;
        }

        @Override
        boolean handlesRejection() {
            return listener != null;
        }

        @Override
        int interest() {
            return listener != null ? WANTS : NONE;
        }

        @Override
        public boolean cancel() {
            BiConsumer<? super @Nullable T, ? super @Nullable Throwable> l = listener;
            if (l == null || !LISTENER.compareAndSet(this, l, null)) {
                return false;
            }
            Interest.withdrawn(source, this);
            return true;
        }
    }

}
