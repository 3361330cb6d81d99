package io.iou.spring.scheduler;

/**
 * Customizes the pool behind the auto-configured {@link IouScheduler} before it starts, after the
 * {@code iou.scheduler.*} properties have been applied. Declare one or more as beans; they run in
 * {@link org.springframework.core.annotation.Order @Order}.
 */
@FunctionalInterface
public interface IouSchedulerCustomizer {

    /**
     * Customizes the pool.
     *
     * @param executor the pool, not yet initialized
     */
    void customize(IouTaskExecutor executor);
}
