package io.iou;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The lifecycle of one registration with the IOU core ({@link IouHooks#register a hook},
 * {@link IouContext#register a context propagator}) made by something that starts and stops, such as
 * a Spring bean: {@link #start()} registers, {@link #close()} withdraws the registration, each at
 * most once, whatever the threads and the order of the calls.
 *
 * <p>Once closed it stays closed: a start that comes after the close (a meter registry bound while
 * the application shuts down, say) registers nothing, so a stopped component never comes back to
 * life on the IOU hot path.
 */
public final class IouRegistrar implements AutoCloseable {

    private final Supplier<IouHooks.Registration> register;

    private IouHooks.@Nullable Registration registration;

    private boolean closed;

    /**
     * Creates a registrar; nothing is registered until {@link #start()}.
     *
     * @param register makes the registration, e.g. {@code () -> IouHooks.register(hook)}
     * @throws NullPointerException if {@code register} is null
     */
    public IouRegistrar(Supplier<IouHooks.Registration> register) {
        this.register = Objects.requireNonNull(register, "register");
    }

    /** Registers, unless registered already or closed. */
    public synchronized void start() {
        if (this.registration == null && !this.closed) {
            this.registration = this.register.get();
        }
    }

    /** Withdraws the registration, if one was made, and closes this registrar for good. */
    @Override
    public synchronized void close() {
        this.closed = true;
        if (this.registration != null) {
            this.registration.close();
            this.registration = null;
        }
    }
}
