package io.iou.spring.context;

import java.util.Objects;

import io.iou.IouContext;
import io.iou.IouContextPropagator;
import io.iou.IouRegistrar;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Carries every thread-local that Micrometer's {@link ContextRegistry} knows (the current observation
 * and so its trace span, Spring Security's {@code SecurityContext}, the MDC keys an application
 * registers, ...) from where an IOU handler is added to wherever it runs.
 *
 * <p>Snapshots are taken with {@code clearMissing}: around a handler, the running thread's own values
 * are not merely overlaid but replaced, so a value the adding thread did not have is absent in the
 * handler, not inherited from whichever thread settled the IOU. That is what keeps one request's
 * context out of another's handlers.
 *
 * <p>{@link #start()} registers it with the IOU core ({@link IouContext#register}) and {@link #close()}
 * withdraws it; while none is registered, adding a handler costs nothing extra.
 */
public final class IouContextSnapshotPropagator implements IouContextPropagator, AutoCloseable {

    private final ContextSnapshotFactory snapshots;

    private final IouRegistrar registrar = new IouRegistrar(() -> IouContext.register(this));

    /** Propagates what the JVM-wide {@link ContextRegistry#getInstance()} knows, now and later. */
    public IouContextSnapshotPropagator() {
        this(ContextRegistry.getInstance());
    }

    /**
     * Propagates what {@code registry} knows.
     *
     * @param registry the accessors of the thread-locals to carry
     * @throws NullPointerException if {@code registry} is null
     */
    public IouContextSnapshotPropagator(ContextRegistry registry) {
        this.snapshots = ContextSnapshotFactory.builder()
            .contextRegistry(Objects.requireNonNull(registry, "registry"))
            .clearMissing(true)
            .build();
    }

    /**
     * Captures this thread's context.
     *
     * @return a {@link ContextSnapshot}
     */
    @Override
    public Object capture() {
        return this.snapshots.captureAll();
    }

    /**
     * Makes {@code captured} this thread's context, clearing every registered thread-local it lacks.
     *
     * @param captured a snapshot from {@link #capture()}
     * @return what puts this thread's own context back
     */
    @Override
    public Scope restore(Object captured) {
        return ((ContextSnapshot) captured).setThreadLocals()::close;
    }

    /** Starts propagating: registers with the IOU core. Calling it again does nothing. */
    public void start() {
        this.registrar.start();
    }

    /** Stops propagating, for good, for handlers added from now on; handlers already added keep their context. */
    @Override
    public void close() {
        this.registrar.close();
    }
}
