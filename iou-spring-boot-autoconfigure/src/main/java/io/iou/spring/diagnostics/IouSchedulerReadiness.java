package io.iou.spring.diagnostics;

import java.time.Duration;
import java.util.Objects;

import io.iou.IouTimer;
import io.iou.spring.scheduler.IouTaskExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Takes the application out of rotation while the IOU executor stays saturated: once it has been
 * saturated without a break for the saturation window, readiness becomes
 * {@link ReadinessState#REFUSING_TRAFFIC}, and once the saturation has passed,
 * {@link ReadinessState#ACCEPTING_TRAFFIC} again (unless something else changed readiness meanwhile).
 * Liveness and health are never affected, so an orchestrator stops routing to the instance without
 * restarting it. Opt-in ({@code iou.diagnostics.refuse-traffic-when-saturated}); checked once a
 * second, or once a window if that is shorter, on the {@link IouTimer}.
 */
public final class IouSchedulerReadiness implements SmartLifecycle {

    private static final Duration MAX_PERIOD = Duration.ofSeconds(1);

    private final IouTaskExecutor executor;

    private final Duration window;

    private final Duration period;

    private final ApplicationEventPublisher publisher;

    private final ApplicationAvailability availability;

    private final Object lock = new Object();

    /** Guarded by {@link #lock}. */
    private boolean running;

    /** Whether this set readiness to refusing; guarded by {@link #lock}. */
    private boolean refusing;

    private IouTimer.@Nullable Timeout next;

    /**
     * Creates the readiness check.
     *
     * @param executor the executor whose saturation counts
     * @param window how long it must stay saturated before the application refuses traffic
     * @param publisher where availability changes are published
     * @param availability the application's current availability
     */
    public IouSchedulerReadiness(IouTaskExecutor executor, Duration window, ApplicationEventPublisher publisher,
            ApplicationAvailability availability) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.window = Objects.requireNonNull(window, "window");
        this.period = (window.compareTo(MAX_PERIOD) < 0) ? window : MAX_PERIOD;
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    /** Starts checking the saturation. */
    @Override
    public void start() {
        synchronized (this.lock) {
            this.running = true;
            this.next = IouTimer.current().schedule(this::check, this.period);
        }
    }

    /** Stops checking; readiness is left as it is, for the application's shutdown to change. */
    @Override
    public void stop() {
        synchronized (this.lock) {
            this.running = false;
            if (this.next != null) {
                this.next.cancel();
                this.next = null;
            }
        }
    }

    /**
     * Whether the saturation is being checked.
     *
     * @return whether started and not stopped
     */
    @Override
    public boolean isRunning() {
        synchronized (this.lock) {
            return this.running;
        }
    }

    /** Compares the saturation with the window, changes readiness if it crossed, and checks again later. */
    void check() {
        synchronized (this.lock) {
            if (!this.running) {
                return;
            }
            boolean saturated = this.executor.getSaturatedFor().compareTo(this.window) >= 0;
            if (saturated && !this.refusing) {
                this.refusing = true;
                AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
            }
            else if (!saturated && this.refusing) {
                this.refusing = false;
                AvailabilityChangeEvent<ReadinessState> last = this.availability.getLastChangeEvent(ReadinessState.class);
                if (last != null && last.getSource() == this) {
                    AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
                }
            }
            this.next = IouTimer.current().schedule(this::check, this.period);
        }
    }
}
