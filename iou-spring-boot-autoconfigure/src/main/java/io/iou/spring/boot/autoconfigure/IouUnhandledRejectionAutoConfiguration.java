package io.iou.spring.boot.autoconfigure;

import io.iou.IouHooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Applies {@code iou.unhandled-rejections.*} to the IOU core's unhandled-rejection log while the
 * application runs, so that an upstream outage that leaves thousands of rejections unhandled writes a
 * few stack traces and a count rather than thousands of traces. The {@code iou.rejected.unhandled}
 * metric counts every one.
 */
@AutoConfiguration
@EnableConfigurationProperties(IouUnhandledRejectionProperties.class)
public final class IouUnhandledRejectionAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouUnhandledRejectionAutoConfiguration() {
    }

    /** The limits in force; closing the registration, as the context closes, restores the core's defaults. */
    @Bean
    @ConditionalOnMissingBean(name = "iouUnhandledRejectionLogLimit")
    IouHooks.Registration iouUnhandledRejectionLogLimit(IouUnhandledRejectionProperties properties) {
        return IouHooks.limitUnhandledRejectionLog(properties.getLogBurst(), properties.getLogInterval());
    }
}
