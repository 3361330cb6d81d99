package io.iou;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Where the {@link IouContextPropagator} is registered. With none registered, handlers run with
 * whatever context the running thread has, and adding a handler costs one volatile read more.
 */
public final class IouContext {

    /** The propagator in force: the latest registration still open, or null. */
    private static volatile @Nullable IouContextPropagator current;

    /** Open registrations, oldest first; guarded by itself. */
    private static final List<IouContextPropagator> REGISTERED = new ArrayList<>();

    private IouContext() {
    }

    /**
     * Registers {@code propagator} for every handler added from now on. The latest registration still
     * open is the one in force, so registrations may be closed in any order: with several application
     * contexts in one JVM (tests, say), closing one puts back the propagator of the latest one still
     * running.
     *
     * @param propagator the propagator
     * @return a registration whose {@code close()} withdraws this registration; closing twice is
     *         harmless
     * @throws NullPointerException if {@code propagator} is null
     */
    public static IouHooks.Registration register(IouContextPropagator propagator) {
        Objects.requireNonNull(propagator, "propagator");
        synchronized (REGISTERED) {
            REGISTERED.add(propagator);
            current = propagator;
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                synchronized (REGISTERED) {
                    REGISTERED.remove(REGISTERED.lastIndexOf(propagator));
                    current = REGISTERED.isEmpty() ? null : REGISTERED.get(REGISTERED.size() - 1);
                }
            }
        };
    }

    /**
     * Returns the propagator in force: the latest registration still open.
     *
     * @return the propagator, or {@code null} when none is registered
     */
    public static @Nullable IouContextPropagator current() {
        return current;
    }

    /**
     * Returns {@code task} bound to the context current on this thread, for work that an integration
     * hands on to another thread as a handler would be (a task submitted to a pool, say).
     *
     * @param task the task
     * @return a task that runs {@code task} with this thread's context, or {@code task} itself when no
     *         propagator is registered
     * @throws NullPointerException if {@code task} is null
     */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        IouContextPropagator p = current;
        return p == null ? task : new Captured(p, task);
    }

    /**
     * Returns {@code task} bound to the context current on this thread; see {@link #wrap(Runnable)}.
     *
     * @param task the task
     * @param <V> the result type
     * @return a task that runs {@code task} with this thread's context, or {@code task} itself
     * @throws NullPointerException if {@code task} is null
     */
    @SuppressWarnings("unchecked")
    public static <V extends @Nullable Object> Callable<V> wrap(Callable<V> task) {
        Objects.requireNonNull(task, "task");
        IouContextPropagator p = current;
        return p == null ? task : (Callable<V>) new Captured(p, task);
    }

    @SuppressWarnings("unchecked")
    static <T, R> Function<T, R> function(Function<T, R> fn) {
        IouContextPropagator p = current;
        return p == null ? fn : (Function<T, R>) new Captured(p, fn);
    }

    @SuppressWarnings("unchecked")
    static <T> Consumer<T> consumer(Consumer<T> fn) {
        IouContextPropagator p = current;
        return p == null ? fn : (Consumer<T>) new Captured(p, fn);
    }

    /**
     * A callback with the context captured where it was handed over; one class for every callback
     * shape, so that each handler costs one small object when context propagation is on.
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static final class Captured implements Function<Object, Object>, Consumer<Object>, Runnable,
            Callable<Object> {

        private final IouContextPropagator propagator;

        private final Object context;

        private final Object target;

        Captured(IouContextPropagator propagator, Object target) {
            this.propagator = propagator;
            this.context = propagator.capture();
            this.target = target;
        }

        @Override
        public Object apply(Object value) {
            IouContextPropagator.Scope scope = propagator.restore(context);
            try {
                return ((Function) target).apply(value);
            }
            finally {
                scope.close();
            }
        }

        @Override
        public void accept(Object value) {
            IouContextPropagator.Scope scope = propagator.restore(context);
            try {
                ((Consumer) target).accept(value);
            }
            finally {
                scope.close();
            }
        }

        @Override
        public void run() {
            IouContextPropagator.Scope scope = propagator.restore(context);
            try {
                ((Runnable) target).run();
            }
            finally {
                scope.close();
            }
        }

        @Override
        public Object call() throws Exception {
            IouContextPropagator.Scope scope = propagator.restore(context);
            try {
                return ((Callable) target).call();
            }
            finally {
                scope.close();
            }
        }
    }
}
