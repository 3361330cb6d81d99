package io.iou.spring.diagnostics;

import java.security.ProtectionDomain;
import java.time.Duration;
import java.util.List;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.IouRegistrar;
import io.iou.PendingIous;
import org.jspecify.annotations.Nullable;

/**
 * Tracks the pending IOUs of the JVM, so that the one that never settles can be found: its name,
 * its age, what waits on it and, optionally, the stack frame that created it. It tracks the IOUs a
 * program makes ({@code new IOU<>()}, {@code IOU.named}, the IOU scheduler's and the HTTP reactor's),
 * not those that handlers and joins derive from them, which settle once what they wait on does.
 *
 * <p>Settled IOUs leave the tracker as they settle, and an IOU that is dropped while pending is
 * counted as abandoned once collected, since nothing can ever settle it. The tracking itself is the
 * core's {@link PendingIous}: no lock, map entry or weak reference per IOU, only a small marker on
 * each IOU's stack, and a weak reference for an IOU still pending after a moment. Capturing creation
 * sites costs a stack walk per IOU. {@link #start()} registers the tracker as an {@link IouHook}.
 */
public final class IouTracker implements IouHook, AutoCloseable {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Where the library's own classes come from: core, and its Spring integration. */
    private static final ProtectionDomain CORE = IOU.class.getProtectionDomain();

    private static final ProtectionDomain SPRING = IouTracker.class.getProtectionDomain();

    private final boolean captureCreationSite;

    private final PendingIous pending;

    private final IouRegistrar hook = new IouRegistrar(() -> IouHooks.register(this));

    /**
     * Creates a tracker; it tracks nothing until {@link #start()}.
     *
     * @param captureCreationSite whether to record the first stack frame outside IOU that created
     * each IOU (a stack walk per IOU)
     */
    public IouTracker(boolean captureCreationSite) {
        this.captureCreationSite = captureCreationSite;
        this.pending = new PendingIous(captureCreationSite ? IouTracker::creationSite : null);
    }

    /** Starts tracking IOUs created from now on. */
    public void start() {
        hook.start();
    }

    /** Stops tracking, for good, and forgets what was tracked. */
    @Override
    public void close() {
        hook.close();
        pending.close();
    }

    @Override
    public void created(IOU<?> iou) {
        pending.created(iou);
    }

    /**
     * Returns how many tracked IOUs are pending.
     *
     * @return the count
     */
    public int pendingCount() {
        return pending.pendingCount();
    }

    /**
     * Returns how many IOUs were garbage collected while pending: dropped by the code that should
     * have settled them.
     *
     * @return the count since the tracker started
     */
    public long abandonedCount() {
        return pending.abandonedCount();
    }

    /**
     * Whether creation sites are recorded.
     *
     * @return true if each {@link PendingIou} has a creation site
     */
    public boolean capturesCreationSite() {
        return captureCreationSite;
    }

    /**
     * Returns the pending IOUs, oldest first.
     *
     * @param limit at most this many
     * @return a snapshot
     */
    public List<PendingIou> oldest(int limit) {
        return pending.oldest(limit).stream()
                .map(p -> new PendingIou(p.name(), p.age(), p.waitingHandlers(), p.createdAt()))
                .toList();
    }

    private static @Nullable String creationSite() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !isIou(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> frame.toStackTraceElement().toString())
                .orElse(null));
    }

    /**
     * Whether a frame is the library's own. Decided by where the class was loaded from rather than by
     * its package, so that an application's classes are never mistaken for the library's.
     */
    private static boolean isIou(Class<?> type) {
        ProtectionDomain domain = type.getProtectionDomain();
        return domain == CORE || domain == SPRING;
    }

    /**
     * One pending IOU, as the {@code ious} endpoint shows it.
     *
     * @param name the name given by {@link IOU#named}, or null
     * @param age how long it has been pending
     * @param waitingHandlers how many handlers, chained IOUs and watchers wait on it
     * @param createdAt the first stack frame outside IOU that created it, when captured
     */
    public record PendingIou(@Nullable String name, Duration age, int waitingHandlers, @Nullable String createdAt) {
    }
}
