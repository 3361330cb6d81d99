package io.iou.spring.boot.autoconfigure;

import java.util.concurrent.Executor;

import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouSchedulerCustomizer;
import io.iou.spring.scheduler.IouTaskExecutor;

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
 */
@AutoConfiguration(after = TaskExecutionAutoConfiguration.class)
@EnableConfigurationProperties(IouSchedulerProperties.class)
public final class IouSchedulerAutoConfiguration {

    /** Name of the pool's bean, also its {@code name} tag in the {@code executor.*} metrics. */
    public static final String IOU_TASK_EXECUTOR_BEAN_NAME = "iouTaskExecutor";

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
        executor.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
        executor.setRejectionPolicy(properties.getRejectionPolicy());
        IouSchedulerProperties.Shutdown shutdown = properties.getShutdown();
        executor.setWaitForTasksToCompleteOnShutdown(shutdown.isAwaitTermination());
        executor.setAwaitTerminationMillis(shutdown.getAwaitTerminationPeriod().toMillis());
        customizers.orderedStream().forEach((customizer) -> customizer.customize(executor));
        return executor;
    }

    @Bean
    @ConditionalOnMissingBean
    IouScheduler iouScheduler(@Qualifier(IOU_TASK_EXECUTOR_BEAN_NAME) Executor iouTaskExecutor) {
        return new IouScheduler(iouTaskExecutor);
    }
}
