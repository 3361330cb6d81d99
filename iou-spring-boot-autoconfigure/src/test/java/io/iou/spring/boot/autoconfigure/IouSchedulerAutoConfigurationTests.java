package io.iou.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouSchedulerCustomizer;
import io.iou.spring.scheduler.IouTaskExecutor;
import io.iou.spring.scheduler.RejectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class IouSchedulerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IouSchedulerAutoConfiguration.class));

    @Test
    void providesSchedulerOnTheIouPoolByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(IouScheduler.class);
            Object pool = context.getBean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME);
            assertThat(pool).isInstanceOf(IouTaskExecutor.class);
            assertThat(context.getBean(IouScheduler.class).executor()).isSameAs(pool);
        });
    }

    @Test
    void defaultsGiveABoundedPool() {
        this.runner.run((context) -> {
            IouTaskExecutor pool = pool(context);
            ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
            assertThat(executor.getCorePoolSize()).isEqualTo(8);
            assertThat(executor.getMaximumPoolSize()).isEqualTo(8);
            assertThat(executor.getQueue().remainingCapacity()).isEqualTo(10_000);
            assertThat(executor.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(60);
            assertThat(executor.allowsCoreThreadTimeOut()).isTrue();
            assertThat(pool.getThreadNamePrefix()).isEqualTo("iou-");
            assertThat(pool.getRejectionPolicy()).isEqualTo(RejectionPolicy.REJECT);
        });
    }

    @Test
    void appliesPoolProperties() {
        this.runner
            .withPropertyValues("iou.scheduler.core-size=2", "iou.scheduler.max-size=5",
                    "iou.scheduler.queue-capacity=7", "iou.scheduler.keep-alive=30s",
                    "iou.scheduler.allow-core-thread-timeout=false", "iou.scheduler.rejection-policy=caller-runs")
            .run((context) -> {
                IouTaskExecutor pool = pool(context);
                ThreadPoolExecutor executor = pool.getThreadPoolExecutor();
                assertThat(executor.getCorePoolSize()).isEqualTo(2);
                assertThat(executor.getMaximumPoolSize()).isEqualTo(5);
                assertThat(executor.getQueue().remainingCapacity()).isEqualTo(7);
                assertThat(executor.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(30);
                assertThat(executor.allowsCoreThreadTimeOut()).isFalse();
                assertThat(pool.getRejectionPolicy()).isEqualTo(RejectionPolicy.CALLER_RUNS);
            });
    }

    @Test
    void maxSizeDefaultsToCoreSize() {
        this.runner.withPropertyValues("iou.scheduler.core-size=3")
            .run((context) -> assertThat(pool(context).getThreadPoolExecutor().getMaximumPoolSize()).isEqualTo(3));
    }

    @Test
    void handlersRunOnThreadsWithTheConfiguredPrefix() {
        this.runner.withPropertyValues("iou.scheduler.thread-name-prefix=work-")
            .run((context) -> assertThat(scheduler(context).supply(() -> Thread.currentThread().getName()).await(WAIT))
                .startsWith("work-"));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void handlersRunOnVirtualThreadsWhenVirtualThreadsAreEnabled() {
        this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
            .run((context) -> {
                Thread thread = scheduler(context).supply(Thread::currentThread).await(WAIT);
                assertThat(Thread.class.getMethod("isVirtual").invoke(thread)).isEqualTo(true);
                assertThat(thread.getName()).startsWith("iou-");
                assertThat(pool(context).isVirtualThreads()).isTrue();
                assertThat(pool(context).getConcurrencyLimit()).isNegative();
            });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void appliesTheConcurrencyLimitOfVirtualThreads() {
        this.runner.withPropertyValues("spring.threads.virtual.enabled=true", "iou.scheduler.virtual.concurrency-limit=50")
            .run((context) -> assertThat(pool(context).getConcurrencyLimit()).isEqualTo(50));
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void beforeJava21VirtualThreadsAreIgnoredWithOneWarning(CapturedOutput output) {
        this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
            assertThat(pool(context).isVirtualThreads()).isFalse();
            assertThat(scheduler(context).supply(() -> Thread.currentThread().getName()).await(WAIT)).startsWith("iou-");
        });
        assertThat(output.getOut().lines().filter((line) -> line.contains("spring.threads.virtual.enabled is set, but Java")))
            .singleElement()
            .satisfies((line) -> assertThat(line).contains("WARN", "IOU handlers run on a pool of platform threads"));
    }

    @Test
    void appliesCustomizersInOrderAfterTheProperties() {
        this.runner.withUserConfiguration(CustomizerConfiguration.class)
            .withPropertyValues("iou.scheduler.core-size=3")
            .run((context) -> {
                assertThat(context.getBean(CustomizerConfiguration.class).seen).containsExactly("first saw 3",
                        "second saw 3");
                assertThat(pool(context).getThreadPoolExecutor().getMaximumPoolSize()).isEqualTo(42);
            });
    }

    @Test
    void backsOffWhenUserDefinesScheduler() {
        this.runner.withUserConfiguration(UserSchedulerConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(IouScheduler.class);
            assertThat(context.getBean(IouScheduler.class)).isSameAs(context.getBean("userScheduler"));
        });
    }

    @Test
    void backsOffWhenUserDefinesIouTaskExecutorAndTheSchedulerUsesIt() {
        this.runner.withUserConfiguration(UserPoolConfiguration.class).run((context) -> {
            Object pool = context.getBean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME);
            assertThat(pool).isNotInstanceOf(IouTaskExecutor.class);
            assertThat(context.getBean(IouScheduler.class).executor()).isSameAs(pool);
        });
    }

    @Test
    void keepsBootApplicationTaskExecutorAndTaskScheduler() {
        this.runner
            .withConfiguration(
                    AutoConfigurations.of(TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
            .withUserConfiguration(SchedulingConfiguration.class)
            .run((context) -> {
                assertThat(context).hasBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
                assertThat(context).hasBean("taskScheduler");
                assertThat(context).hasBean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME);
            });
    }

    @Test
    void injectionByTypeStillGetsBootsApplicationTaskExecutor() {
        this.runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
            .run((context) -> assertThat(context.getBean(Executor.class))
                .isSameAs(context.getBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)));
    }

    @Test
    void zeroQueueIsAcceptedWithCallerRuns() {
        this.runner.withPropertyValues("iou.scheduler.queue-capacity=0", "iou.scheduler.rejection-policy=caller-runs")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    private static IouTaskExecutor pool(org.springframework.context.ApplicationContext context) {
        return context.getBean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME, IouTaskExecutor.class);
    }

    private static IouScheduler scheduler(org.springframework.context.ApplicationContext context) {
        return context.getBean(IouScheduler.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        final List<String> seen = new ArrayList<>();

        @Bean
        @Order(2)
        IouSchedulerCustomizer second() {
            return (executor) -> {
                this.seen.add("second saw " + executor.getCorePoolSize());
                executor.setMaxPoolSize(42);
            };
        }

        @Bean
        @Order(1)
        IouSchedulerCustomizer first() {
            return (executor) -> this.seen.add("first saw " + executor.getCorePoolSize());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSchedulerConfiguration {

        @Bean
        IouScheduler userScheduler() {
            return new IouScheduler(Runnable::run);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPoolConfiguration {

        @Bean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME)
        ThreadPoolTaskExecutor iouTaskExecutor() {
            return new ThreadPoolTaskExecutor();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class SchedulingConfiguration {

    }
}
