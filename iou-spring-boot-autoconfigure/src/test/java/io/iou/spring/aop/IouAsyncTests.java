package io.iou.spring.aop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;

import io.iou.IOU;
import io.iou.spring.boot.autoconfigure.IouMethodInterceptorsAutoConfiguration;
import io.iou.spring.boot.autoconfigure.IouSchedulerAutoConfiguration;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** {@code @Async} methods that return IOUs, in an application with the starter and {@code @EnableAsync}. */
class IouAsyncTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
                    IouSchedulerAutoConfiguration.class, IouMethodInterceptorsAutoConfiguration.class))
            .withUserConfiguration(AsyncConfiguration.class);

    @Test
    void callerGetsAnIouAtOnceThatSettlesAsTheMethodsIou() {
        runner.run(context -> {
            Jobs jobs = context.getBean(Jobs.class);
            CountDownLatch release = new CountDownLatch(1);

            IOU<String> answer = jobs.waitFor(release, "done");

            assertThat(answer).as("returned before the method ran to its end").isPending();
            release.countDown();
            assertThat(answer).succeedsWithin(WAIT).asString().matches("done on task-\\d+");
        });
    }

    @Test
    void runsOnBootsDefaultExecutorAndTheCallersHandlersRunThereToo() {
        runner.run(context -> {
            IOU<String> where = context.getBean(Jobs.class).thread()
                    .addFulfilledHandler(thread -> thread + " then " + Thread.currentThread().getName());

            assertThat(where.await(WAIT)).matches("task-\\d+ then task-\\d+");
        });
    }

    @Test
    void runsOnTheIouPoolWhenAsked() {
        runner.run(context -> assertThat(context.getBean(Jobs.class).threadOnTheIouPool().await(WAIT))
                .startsWith("iou-"));
    }

    @Test
    void runsOnTheAsyncConfigurersExecutorByDefaultWhenThereIsOne() {
        runner.withUserConfiguration(ConfigurerConfiguration.class).run(context -> {
            assertThat(context.getBean(Jobs.class).thread().await(WAIT)).startsWith("configured-");
        });
        ConfigurerConfiguration.POOL.shutdown();
    }

    @Test
    void rejectsWithWhatTheMethodThrows() {
        runner.run(context -> {
            IOU<String> failed = context.getBean(Jobs.class).fail();

            assertThat(failed).failsWithin(WAIT).isInstanceOf(IllegalStateException.class).hasMessage("no luck");
        });
    }

    @Test
    void methodReturningNullRejectsWithAnErrorNamingIt() {
        runner.run(context -> assertThat(context.getBean(Jobs.class).nothing()).failsWithin(WAIT)
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Jobs.nothing()").hasMessageContaining("returned null instead of an IOU"));
    }

    @Test
    void cancellingTheCallersIouCancelsTheMethodsIou() {
        runner.run(context -> {
            Jobs jobs = context.getBean(Jobs.class);
            IOU<String> answer = jobs.pending();
            await().atMost(WAIT).until(() -> jobs.lastPending() != null);

            answer.cancel();

            assertThat(jobs.lastPending()).isCancelled();
        });
    }

    /** The interest rule: the method's IOU runs on while another dependent still wants it. */
    @Test
    void cancellingTheCallersIouLeavesAMethodsIouThatOthersWantRunning() {
        runner.run(context -> {
            Jobs jobs = context.getBean(Jobs.class);
            IOU<String> shared = new IOU<>();
            IOU<Integer> other = shared.addFulfilledHandler(String::length);
            IOU<String> answer = jobs.share(shared);
            await().atMost(WAIT).until(() -> shared.waitingHandlers() == 2);

            answer.cancel();

            assertThat(shared).isPending();
            shared.fulfill("ada");
            assertThat(other).isFulfilledWith(3);
        });
    }

    @Test
    void cancelledBeforeItStartsTheMethodDoesNotRun() {
        runner.withUserConfiguration(SingleThreadConfiguration.class).run(context -> {
            Jobs jobs = context.getBean(Jobs.class);
            ExecutorService single = context.getBean(SingleThreadConfiguration.class).single;
            CountDownLatch busy = new CountDownLatch(1);
            single.execute(() -> hold(busy));

            IOU<String> answer = jobs.onSingleThread();
            answer.cancel();
            busy.countDown();
            CompletableFuture.runAsync(() -> { }, single).join(); // the queue has drained

            assertThat(jobs.singleThreadCalls()).isZero();
            single.shutdown();
        });
    }

    @Test
    void anExecutorThatRefusesRejectsTheIou() {
        runner.withUserConfiguration(SingleThreadConfiguration.class).run(context -> {
            context.getBean(SingleThreadConfiguration.class).single.shutdown();

            assertThat(context.getBean(Jobs.class).onSingleThread()).failsWithin(WAIT)
                    .isInstanceOf(RejectedExecutionException.class);
        });
    }

    @Test
    void methodsReturningAnythingElseKeepSpringsAsync() {
        runner.run(context -> {
            Jobs jobs = context.getBean(Jobs.class);
            assertThat(jobs.future().get(20, TimeUnit.SECONDS)).startsWith("task-");
            jobs.fireAndForget();
            await().atMost(WAIT).until(() -> jobs.fired() == 1);
        });
    }

    /** Without the starter Spring refuses the return type at the call: a clear error, never a pending IOU. */
    @Test
    void withoutTheStarterTheCallFailsClearly() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
                .withUserConfiguration(AsyncConfiguration.class).run(context -> assertThatIllegalArgumentException()
                        .isThrownBy(() -> context.getBean(Jobs.class).thread())
                        .withMessageContaining("Invalid return type for async method")
                        .withMessageContaining("io.iou.IOU"));
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The service whose {@code @Async} methods return IOUs; read its state through methods, as it is proxied. */
    static class Jobs {

        private final AtomicInteger singleThreadCalls = new AtomicInteger();

        private final AtomicInteger fired = new AtomicInteger();

        private volatile IOU<String> lastPending;

        int singleThreadCalls() {
            return singleThreadCalls.get();
        }

        int fired() {
            return fired.get();
        }

        IOU<String> lastPending() {
            return lastPending;
        }

        @Async
        IOU<String> waitFor(CountDownLatch release, String value) {
            hold(release);
            return IOU.fulfilled(value + " on " + Thread.currentThread().getName());
        }

        @Async
        IOU<String> thread() {
            return IOU.fulfilled(Thread.currentThread().getName());
        }

        @Async("iouTaskExecutor")
        IOU<String> threadOnTheIouPool() {
            return IOU.fulfilled(Thread.currentThread().getName());
        }

        @Async("single")
        IOU<String> onSingleThread() {
            singleThreadCalls.incrementAndGet();
            return IOU.fulfilled("ran");
        }

        @Async
        IOU<String> fail() {
            throw new IllegalStateException("no luck");
        }

        @Async
        IOU<String> nothing() {
            return null;
        }

        @Async
        IOU<String> pending() {
            IOU<String> iou = new IOU<>();
            lastPending = iou;
            return iou;
        }

        @Async
        IOU<String> share(IOU<String> shared) {
            return shared;
        }

        @Async
        CompletableFuture<String> future() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

        @Async
        void fireAndForget() {
            fired.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAsync
    static class AsyncConfiguration {

        @Bean
        Jobs jobs() {
            return new Jobs();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SingleThreadConfiguration {

        final ExecutorService single = Executors.newSingleThreadExecutor();

        @Bean
        ExecutorService single() {
            return single;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ConfigurerConfiguration implements AsyncConfigurer {

        static final ExecutorService POOL = Executors.newSingleThreadExecutor(task -> new Thread(task, "configured-1"));

        @Override
        public ExecutorService getAsyncExecutor() {
            return POOL;
        }
    }
}
