package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import io.iou.spring.scheduler.RejectionPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the pool IOU handlers run on ({@code iou.scheduler.*}), modelled on Spring Boot's
 * {@code spring.task.execution.*}. Checked when bound, so a bad value stops the application at startup
 * with the property, its value and the reason.
 */
@ConfigurationProperties("iou.scheduler")
public class IouSchedulerProperties implements Validator {

    /** Number of threads the pool keeps, even when idle unless allow-core-thread-timeout is set. */
    private int coreSize = 8;

    /** Maximum number of threads, reached only when the queue is full; defaults to core-size. */
    private @Nullable Integer maxSize;

    /** Number of handlers that can wait for a thread before the pool grows or saturates. */
    private int queueCapacity = 10_000;

    /** Time an idle thread is kept before it ends, in whole seconds. */
    private Duration keepAlive = Duration.ofSeconds(60);

    /** Whether core threads also end after keep-alive, so that an idle pool shrinks to nothing. */
    private boolean allowCoreThreadTimeout = true;

    /** Prefix of the names of the pool's threads. */
    private String threadNamePrefix = "iou-";

    /** What to do with a handler when all threads are busy and the queue is full. */
    private RejectionPolicy rejectionPolicy = RejectionPolicy.REJECT;

    private final Shutdown shutdown = new Shutdown();

    private final Virtual virtual = new Virtual();

    /** Creates the properties with their defaults. */
    public IouSchedulerProperties() {
    }

    /**
     * Returns the number of threads the pool keeps.
     *
     * @return the core size
     */
    public int getCoreSize() {
        return this.coreSize;
    }

    /**
     * Sets the number of threads the pool keeps.
     *
     * @param coreSize the core size
     */
    public void setCoreSize(int coreSize) {
        this.coreSize = coreSize;
    }

    /**
     * Returns the configured maximum number of threads.
     *
     * @return the max size, or {@code null} for the core size
     */
    public @Nullable Integer getMaxSize() {
        return this.maxSize;
    }

    /**
     * Sets the maximum number of threads.
     *
     * @param maxSize the max size, or {@code null} for the core size
     */
    public void setMaxSize(@Nullable Integer maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * Returns the maximum number of threads the pool will have: the max size, or else the core size.
     *
     * @return the effective max size
     */
    public int determineMaxSize() {
        return (this.maxSize != null) ? this.maxSize : this.coreSize;
    }

    /**
     * Returns the number of handlers that can wait for a thread.
     *
     * @return the queue capacity
     */
    public int getQueueCapacity() {
        return this.queueCapacity;
    }

    /**
     * Sets the number of handlers that can wait for a thread.
     *
     * @param queueCapacity the queue capacity
     */
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /**
     * Returns the time an idle thread is kept.
     *
     * @return the keep-alive
     */
    public Duration getKeepAlive() {
        return this.keepAlive;
    }

    /**
     * Sets the time an idle thread is kept.
     *
     * @param keepAlive the keep-alive
     */
    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    /**
     * Returns whether core threads also end after keep-alive.
     *
     * @return whether core threads time out
     */
    public boolean isAllowCoreThreadTimeout() {
        return this.allowCoreThreadTimeout;
    }

    /**
     * Sets whether core threads also end after keep-alive.
     *
     * @param allowCoreThreadTimeout whether core threads time out
     */
    public void setAllowCoreThreadTimeout(boolean allowCoreThreadTimeout) {
        this.allowCoreThreadTimeout = allowCoreThreadTimeout;
    }

    /**
     * Returns the prefix of thread names.
     *
     * @return the prefix
     */
    public String getThreadNamePrefix() {
        return this.threadNamePrefix;
    }

    /**
     * Sets the prefix of thread names.
     *
     * @param threadNamePrefix the prefix
     */
    public void setThreadNamePrefix(String threadNamePrefix) {
        this.threadNamePrefix = threadNamePrefix;
    }

    /**
     * Returns what happens to a handler when the pool is saturated.
     *
     * @return the policy
     */
    public RejectionPolicy getRejectionPolicy() {
        return this.rejectionPolicy;
    }

    /**
     * Sets what happens to a handler when the pool is saturated.
     *
     * @param rejectionPolicy the policy
     */
    public void setRejectionPolicy(RejectionPolicy rejectionPolicy) {
        this.rejectionPolicy = rejectionPolicy;
    }

    /**
     * Returns the shutdown settings.
     *
     * @return the shutdown settings
     */
    public Shutdown getShutdown() {
        return this.shutdown;
    }

    /**
     * Returns the settings of handlers on virtual threads.
     *
     * @return the virtual-thread settings
     */
    public Virtual getVirtual() {
        return this.virtual;
    }

    /**
     * Whether {@link #validate} checks {@code type}: these properties and their groups.
     *
     * @param type the bound type
     * @return true for this class, {@link Shutdown} and {@link Virtual}
     */
    @Override
    public boolean supports(Class<?> type) {
        return IouSchedulerProperties.class.isAssignableFrom(type) || Shutdown.class.isAssignableFrom(type)
                || Virtual.class.isAssignableFrom(type);
    }

    /**
     * Checks bound values. The binder calls it for each group as it is bound, so that each error
     * names its property and where it was set; each names its property as configuration spells it,
     * which is how Spring Boot's startup failure report then shows it.
     *
     * @param target these properties or one of their groups
     * @param errors where problems are reported
     */
    @Override
    public void validate(Object target, Errors errors) {
        if (target instanceof Shutdown shutdown) {
            if (shutdown.awaitTerminationPeriod.isNegative()) {
                errors.rejectValue("await-termination-period", "negative", "must not be negative");
            }
            return;
        }
        if (target instanceof Virtual virtual) {
            if (virtual.concurrencyLimit != null && virtual.concurrencyLimit < 1) {
                errors.rejectValue("concurrency-limit", "notPositive", "must be at least 1 (leave it unset for no limit)");
            }
            return;
        }
        IouSchedulerProperties properties = (IouSchedulerProperties) target;
        if (properties.coreSize < 0) {
            errors.rejectValue("core-size", "negative", "must not be negative");
        }
        int maxSize = properties.determineMaxSize();
        if (maxSize < 1) {
            errors.rejectValue("max-size", "notPositive",
                    "must be at least 1 (when not set, it is core-size, " + properties.coreSize + ")");
        }
        else if (maxSize < properties.coreSize) {
            errors.rejectValue("max-size", "belowCoreSize",
                    "must not be less than core-size (" + properties.coreSize + ")");
        }
        if (properties.queueCapacity < 0) {
            errors.rejectValue("queue-capacity", "negative", "must not be negative");
        }
        else if (properties.queueCapacity == 0 && properties.rejectionPolicy == RejectionPolicy.REJECT) {
            errors.rejectValue("queue-capacity", "zeroWithReject", "must be positive with rejection-policy "
                    + "'reject', or every handler that finds all threads busy would fail its IOU; set a queue "
                    + "capacity or use rejection-policy 'caller-runs'");
        }
        if (properties.keepAlive.isNegative()) {
            errors.rejectValue("keep-alive", "negative", "must not be negative");
        }
        else if (properties.allowCoreThreadTimeout && properties.keepAlive.getSeconds() == 0) {
            errors.rejectValue("keep-alive", "zeroWithCoreTimeout", "must be at least 1s (it counts whole seconds) "
                    + "when allow-core-thread-timeout is true, or threads would end as soon as they are idle");
        }
        if (properties.threadNamePrefix.isEmpty()) {
            errors.rejectValue("thread-name-prefix", "empty", "must not be empty, or the pool's threads "
                    + "could not be told apart from others");
        }
    }

    /** What happens to handlers when the application closes. */
    public static class Shutdown {

        /** Whether closing the application waits for queued and running handlers to finish. */
        private boolean awaitTermination = true;

        /** Longest time closing the application waits for handlers; those left are rejected. */
        private Duration awaitTerminationPeriod = Duration.ofSeconds(10);

        /** Creates the properties with their defaults. */
        public Shutdown() {
        }

        /**
         * Returns whether closing the application waits for handlers.
         *
         * @return whether to wait
         */
        public boolean isAwaitTermination() {
            return this.awaitTermination;
        }

        /**
         * Sets whether closing the application waits for handlers.
         *
         * @param awaitTermination whether to wait
         */
        public void setAwaitTermination(boolean awaitTermination) {
            this.awaitTermination = awaitTermination;
        }

        /**
         * Returns the longest time closing the application waits for handlers.
         *
         * @return the await period
         */
        public Duration getAwaitTerminationPeriod() {
            return this.awaitTerminationPeriod;
        }

        /**
         * Sets the longest time closing the application waits for handlers.
         *
         * @param awaitTerminationPeriod the await period
         */
        public void setAwaitTerminationPeriod(Duration awaitTerminationPeriod) {
            this.awaitTerminationPeriod = awaitTerminationPeriod;
        }
    }

    /**
     * Handlers on virtual threads, with {@code spring.threads.virtual.enabled=true} on Java 21+: each
     * handler gets a virtual thread of its own, and the pool settings above do not apply.
     */
    public static class Virtual {

        /** Maximum number of handlers running at once on virtual threads; unset for no limit. */
        private @Nullable Integer concurrencyLimit;

        /** Creates the properties with their defaults. */
        public Virtual() {
        }

        /**
         * Returns the most handlers running at once on virtual threads.
         *
         * @return the limit, or {@code null} for none
         */
        public @Nullable Integer getConcurrencyLimit() {
            return this.concurrencyLimit;
        }

        /**
         * Sets the most handlers running at once on virtual threads.
         *
         * @param concurrencyLimit the limit, or {@code null} for none
         */
        public void setConcurrencyLimit(@Nullable Integer concurrencyLimit) {
            this.concurrencyLimit = concurrencyLimit;
        }
    }
}
