package io.iou.spring.boot.autoconfigure;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;
import org.springframework.scheduling.annotation.EnableAsync;

import io.iou.IOU;
import io.iou.spring.aop.IouAsyncExecutionInterceptor;
import io.iou.spring.aop.IouConcurrencyLimitInterceptor;
import io.iou.spring.aop.IouMethodInterceptorsPostProcessor;
import io.iou.spring.aop.IouRetryInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

class IouMethodInterceptorsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouMethodInterceptorsAutoConfiguration.class))
            .withUserConfiguration(ServicesConfiguration.class);

    /** In Spring's order: the call goes to the executor, takes a permit there, and retries within it. */
    @Test
    void proxiesOfClassesWithIouMethodsGetIouAwareInterceptorsInPlaceOfSpringsThree() {
        runner.run(context -> assertThat(((Advised) context.getBean(IouService.class)).getAdvisors())
                .extracting(Advisor::getAdvice)
                .hasExactlyElementsOfTypes(IouAsyncExecutionInterceptor.class, IouConcurrencyLimitInterceptor.class,
                        IouRetryInterceptor.class));
    }

    @Test
    void otherBeansKeepSpringsAdvisorsUntouched() {
        runner.run(context -> assertThat(((Advised) context.getBean(FutureService.class)).getAdvisors())
                .hasAtLeastOneElementOfType(AsyncAnnotationAdvisor.class));
    }

    @Test
    void backsOffWhenUserDefinesThePostProcessor() {
        runner.withBean("userPostProcessor", IouMethodInterceptorsPostProcessor.class,
                () -> new IouMethodInterceptorsPostProcessor(() -> null))
                .run(context -> assertThat(context).hasSingleBean(IouMethodInterceptorsPostProcessor.class)
                        .hasBean("userPostProcessor"));
    }

    @Test
    void backsOffWithoutSpringAop() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IouMethodInterceptorsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(Advised.class))
                .run(context -> assertThat(context).doesNotHaveBean(IouMethodInterceptorsPostProcessor.class));
    }

    static class IouService {

        @Async
        @Retryable
        @ConcurrencyLimit(2)
        IOU<String> work() {
            return IOU.fulfilled("done");
        }
    }

    static class FutureService {

        @Async
        CompletableFuture<String> work() {
            return CompletableFuture.completedFuture("done");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    @EnableResilientMethods
    static class ServicesConfiguration {

        @Bean
        IouService iouService() {
            return new IouService();
        }

        @Bean
        FutureService futureService() {
            return new FutureService();
        }
    }
}
