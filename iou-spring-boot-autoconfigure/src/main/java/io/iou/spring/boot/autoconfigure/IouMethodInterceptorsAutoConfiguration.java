package io.iou.spring.boot.autoconfigure;

import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.iou.spring.aop.IouMethodInterceptorsPostProcessor;
import io.iou.spring.scheduler.IouScheduler;

/**
 * Lets IOU-returning methods be {@code @Async}, {@code @Retryable} and {@code @ConcurrencyLimit}: the
 * application needs only Spring's {@code @EnableAsync} or {@code @EnableResilientMethods}. Retries
 * after a back-off are made on the {@link IouScheduler}'s pool when there is exactly one.
 */
@AutoConfiguration(after = IouSchedulerAutoConfiguration.class)
@ConditionalOnClass(Advised.class)
public final class IouMethodInterceptorsAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouMethodInterceptorsAutoConfiguration() {
    }

    // static, with a lazily read provider: a post-processor is created before ordinary beans
    @Bean
    @ConditionalOnMissingBean
    static IouMethodInterceptorsPostProcessor iouMethodInterceptorsPostProcessor(ObjectProvider<IouScheduler> scheduler) {
        return new IouMethodInterceptorsPostProcessor(() -> {
            IouScheduler iouScheduler = scheduler.getIfUnique();
            return iouScheduler != null ? iouScheduler.executor() : null;
        });
    }
}
