package io.iou.spring.boot.autoconfigure;

import java.util.concurrent.Executor;

import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouSchedulerCustomizer;
import io.iou.spring.scheduler.IouTaskExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link IouScheduler} and the bounded pool behind it.
 *
 * <p>The pool is declared with {@code defaultCandidate = false}: it is not injected by type and bean
 * conditions ignore it, so Spring Boot's {@code applicationTaskExecutor} and {@code taskScheduler} stay
 * in place, while Boot's executor metrics still bind to it under the name {@code iouTaskExecutor}.
 * With {@code spring.threads.virtual.enabled=true} on Java 21+ each handler gets a virtual thread of
 * its own instead, bounded only by {@code iou.scheduler.virtual.concurrency-limit} when set.
 */
@AutoConfiguration(after = TaskExecutionAutoConfiguration.class)
@EnableConfigurationProperties(IouSchedulerProperties.class)
public final class IouSchedulerAutoConfiguration {

    private static final Log logger = LogFactory.getLog(IouSchedulerAutoConfiguration.class);

    /** Name of the pool's bean, also its {@code name} tag in the {@code executor.*} metrics. */
    public static final String IOU_TASK_EXECUTOR_BEAN_NAME = "iouTaskExecutor";

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouSchedulerAutoConfiguration() {
    }

    @Bean(name = IOU_TASK_EXECUTOR_BEAN_NAME, defaultCandidate = false)
    @ConditionalOnMissingBean(name = IOU_TASK_EXECUTOR_BEAN_NAME)
    IouTaskExecutor iouTaskExecutor(IouSchedulerProperties properties, Environment environment,
            ObjectProvider<IouSchedulerCustomizer> customizers) {
        IouTaskExecutor executor = new IouTaskExecutor();
        executor.setCorePoolSize(properties.getCoreSize());
        executor.setMaxPoolSize(properties.determineMaxSize());
        executor.setQueueCapacity(properties.getQueueCapacity());
        executor.setKeepAliveSeconds((int) Math.min(Integer.MAX_VALUE, properties.getKeepAlive().getSeconds()));
        executor.setAllowCoreThreadTimeOut(properties.isAllowCoreThreadTimeout());
        executor.setThreadNamePrefix(properties.getThreadNamePrefix());
        executor.setVirtualThreads(virtualThreads(environment));
        Integer concurrencyLimit = properties.getVirtual().getConcurrencyLimit();
        executor.setConcurrencyLimit((concurrencyLimit != null) ? concurrencyLimit : -1);
        executor.setRejectionPolicy(properties.getRejectionPolicy());
        IouSchedulerProperties.Shutdown shutdown = properties.getShutdown();
        executor.setWaitForTasksToCompleteOnShutdown(shutdown.isAwaitTermination());
        executor.setAwaitTerminationMillis(shutdown.getAwaitTerminationPeriod().toMillis());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(executor));
        return executor;
    }

    /** Whether handlers get virtual threads: asked for, and on Java 21+, as Boot decides for its own executors. */
    private static boolean virtualThreads(Environment environment) {
        boolean active = Threading.VIRTUAL.isActive(environment);
        if (!active && environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)) {
            logger.warn("spring.threads.virtual.enabled is set, but Java " + Runtime.version().feature()
                    + " has no virtual threads (they need Java 21): IOU handlers run on a pool of platform threads"
                    + " configured by iou.scheduler.*, as Spring Boot's own executors do");
        }
        return active;
    }

    @Bean
    @ConditionalOnMissingBean
    IouScheduler iouScheduler(@Qualifier(IOU_TASK_EXECUTOR_BEAN_NAME) Executor iouTaskExecutor) {
        return new IouScheduler(iouTaskExecutor);
    }
}
