package io.iou;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The registry of {@link IouHook}s and of the unhandled-rejection handler.
 *
 * <p>With no hook registered, the cost on the IOU hot path is one volatile read per event. With
 * several, events are fanned out in registration order.
 */
public final class IouHooks {

    private static final System.Logger LOG = System.getLogger(IOU.class.getName());

    /** The default handler's log, with the limits in force. */
    private static volatile UnhandledRejectionLog unhandledLog = defaultLog();

    private static final Consumer<Throwable> LOG_UNHANDLED = reason -> unhandledLog.accept(reason);

    /** The hook the hot path calls: null, the only hook, or a fan-out over all of them. */
    static volatile @Nullable IouHook current;

    private static volatile Consumer<? super Throwable> unhandledHandler = LOG_UNHANDLED;

    private static final List<IouHook> HOOKS = new ArrayList<>();

    private IouHooks() {
    }

    /**
     * Registers a hook for every IOU created or settled from now on.
     *
     * @param hook the hook
     * @return a registration whose {@code close()} removes the hook again
     * @throws NullPointerException if {@code hook} is null
     */
    public static Registration register(IouHook hook) {
        Objects.requireNonNull(hook, "hook");
        synchronized (HOOKS) {
            HOOKS.add(hook);
            publish();
        }
        return () -> {
            synchronized (HOOKS) {
                if (HOOKS.remove(hook)) {
                    publish();
                }
            }
        };
    }

    /**
     * Replaces what is done with an unhandled rejection, after the hooks have seen it. The default
     * logs a warning with the stack trace through {@link System.Logger} ({@code io.iou.IOU}) for the
     * first ten in a minute, and then one line per minute with the number of those it left out (see
     * {@link #limitUnhandledRejectionLog}), so that a burst of failures cannot flood the log.
     *
     * @param handler the new handler, or {@code null} to restore the default
     */
    public static void setUnhandledRejectionHandler(@Nullable Consumer<? super Throwable> handler) {
        unhandledHandler = handler != null ? handler : LOG_UNHANDLED;
    }

    /**
     * Sets how much the default unhandled-rejection handler logs: the first {@code burst} rejections
     * of each {@code interval} with their stack traces, then one line at the end of the interval with
     * the number left out. An interval starts with the first rejection after the previous one ended.
     *
     * @param burst how many rejections per interval are logged in full; 0 logs only the counts
     * @param interval the length of an interval; positive
     * @return a registration whose {@code close()} restores the default limits (ten a minute) if
     *         these are still the ones in force
     * @throws IllegalArgumentException if {@code burst} is negative or {@code interval} is not positive
     * @throws NullPointerException if {@code interval} is null
     */
    public static Registration limitUnhandledRejectionLog(int burst, Duration interval) {
        UnhandledRejectionLog limited = new UnhandledRejectionLog(burst, interval, LOG, System::nanoTime);
        synchronized (IouHooks.class) {
            unhandledLog = limited;
        }
        return () -> {
            synchronized (IouHooks.class) {
                if (unhandledLog == limited) {
                    unhandledLog = defaultLog();
                }
            }
        };
    }

    /** Removes every hook and restores the default unhandled-rejection handler and its limits; for tests. */
    public static void reset() {
        synchronized (HOOKS) {
            HOOKS.clear();
            publish();
        }
        unhandledHandler = LOG_UNHANDLED;
        unhandledLog = defaultLog();
    }

    private static UnhandledRejectionLog defaultLog() {
        return new UnhandledRejectionLog(UnhandledRejectionLog.DEFAULT_BURST, UnhandledRejectionLog.DEFAULT_INTERVAL,
                LOG, System::nanoTime);
    }

    private static void publish() {
        current = switch (HOOKS.size()) {
            case 0 -> null;
            case 1 -> HOOKS.get(0);
            default -> new FanOut(HOOKS.toArray(new IouHook[0]));
        };
    }

    /** Reports a rejection nobody handled, or a failure inside a hook or listener, exactly once. */
    static void reportUnhandled(Throwable reason) {
        IouHook hook = current;
        if (hook != null) {
            try {
                hook.unhandledRejection(reason);
            }
            catch (Throwable hookFailure) {
                reason.addSuppressed(hookFailure);
            }
        }
        try {
            unhandledHandler.accept(reason);
        }
        catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(reason);
            LOG_UNHANDLED.accept(handlerFailure);
        }
    }

    /** A registered hook; closing it unregisters the hook. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {

        /** Unregisters the hook; closing twice is harmless. */
        @Override
        void close();
    }

    private record FanOut(IouHook[] hooks) implements IouHook {

        @Override
        public void created(IOU<?> iou) {
            for (IouHook hook : hooks) {
                hook.created(iou);
            }
        }

        @Override
        public void fulfilled(IOU<?> iou) {
            for (IouHook hook : hooks) {
                hook.fulfilled(iou);
            }
        }

        @Override
        public void rejected(IOU<?> iou, Throwable reason) {
            for (IouHook hook : hooks) {
                hook.rejected(iou, reason);
            }
        }

        @Override
        public void cancelled(IOU<?> iou, Throwable reason) {
            for (IouHook hook : hooks) {
                hook.cancelled(iou, reason);
            }
        }

        @Override
        public void unhandledRejection(Throwable reason) {
            for (IouHook hook : hooks) {
                hook.unhandledRejection(reason);
            }
        }
    }
}
