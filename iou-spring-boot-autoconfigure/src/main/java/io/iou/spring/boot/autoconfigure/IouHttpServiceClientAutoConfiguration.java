package io.iou.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

import io.iou.spring.http.IouHttpServiceGroupConfigurer;
import io.iou.spring.scheduler.IouScheduler;

/**
 * Binds the IOUs that clients of Spring's HTTP service groups ({@code @ImportHttpServices}) return
 * to the {@link IouScheduler}, so their handlers run on its pool rather than on an event loop.
 * Without it those clients still return IOUs, through the shared registry
 * ({@link IouReactiveAutoConfiguration}), settled on the thread that receives the response.
 */
@AutoConfiguration(after = IouSchedulerAutoConfiguration.class)
@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
@ConditionalOnBean(IouScheduler.class)
public final class IouHttpServiceClientAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouHttpServiceClientAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    IouHttpServiceGroupConfigurer iouHttpServiceGroupConfigurer(IouScheduler iouScheduler) {
        return new IouHttpServiceGroupConfigurer(iouScheduler);
    }
}
