package io.iou.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.iou.IOU;
import io.iou.IouContext;
import io.iou.IouContextPropagator;
import io.iou.spring.context.IouContextSnapshotPropagator;
import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouSchedulerCustomizer;
import io.iou.spring.scheduler.IouTaskExecutor;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler runs with the context of the thread that added it, wherever and whenever it runs; never
 * with that of the thread that settled its IOU.
 */
class IouContextPropagationAutoConfigurationTests {

    /** A request's identity, as a tenant id or an MDC entry would carry it. */
    private static final ThreadLocal<String> REQUEST = new ThreadLocal<>();

    private static final String KEY = IouContextPropagationAutoConfigurationTests.class.getName() + ".request";

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(IouContextPropagationAutoConfiguration.class, IouSchedulerAutoConfiguration.class));

    @BeforeEach
    void registerAccessor() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, REQUEST);
    }

    @AfterEach
    void removeAccessor() {
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
        REQUEST.remove();
        MDC.clear();
    }

    @Test
    void aHandlerSeesTheContextWhereItWasAddedNotTheSettlersOne() {
        this.runner.run((context) -> {
            IOU<String> iou = scheduler(context).newIou();
            REQUEST.set("request-A");
            IOU<String> seen = iou.addFulfilledHandler((v) -> v + " seen by " + REQUEST.get());
            REQUEST.remove();

            CompletableFuture.runAsync(() -> {
                REQUEST.set("request-B");
                iou.fulfill("x");
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(seen.await(WAIT)).isEqualTo("x seen by request-A");
        });
    }

    @Test
    void interleavedRequestsSettlingEachOthersIousNeverSeeEachOthersContext() {
        this.runner.run((context) -> {
            IouScheduler scheduler = scheduler(context);
            ExecutorService requests = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 500; round++) {
                    CyclicBarrier bothAdded = new CyclicBarrier(2);
                    List<IOU<String>> ious = List.of(scheduler.newIou(), scheduler.newIou());
                    List<CompletableFuture<IOU<String>>> seen = new ArrayList<>();
                    for (int me = 0; me < 2; me++) {
                        int mine = me;
                        String request = "request-" + round + "-" + me;
                        seen.add(CompletableFuture.supplyAsync(() -> {
                            REQUEST.set(request);
                            try {
                                IOU<String> handled = ious.get(mine).addFulfilledHandler((v) -> REQUEST.get());
                                bothAdded.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                                // each request settles the other's IOU, with its own context current
                                ious.get(1 - mine).fulfill("x");
                                return handled;
                            }
                            catch (Exception ex) {
                                throw new IllegalStateException(ex);
                            }
                            finally {
                                REQUEST.remove();
                            }
                        }, requests));
                    }
                    for (int me = 0; me < 2; me++) {
                        assertThat(seen.get(me).get(WAIT.toSeconds(), TimeUnit.SECONDS).await(WAIT))
                            .isEqualTo("request-" + round + "-" + me);
                    }
                }
            }
            finally {
                requests.shutdownNow();
            }
        });
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void onVirtualThreadsToo() {
        this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
            assertThat(context.getBean(IouSchedulerAutoConfiguration.IOU_TASK_EXECUTOR_BEAN_NAME, IouTaskExecutor.class).isVirtualThreads()).isTrue();
            assertThat(handlerSeesAddersContext(context)).isTrue();
        });
    }

    @Test
    void suppliedWorkRunsWithTheCallersContext() {
        this.runner.run((context) -> {
            REQUEST.set("request-A");
            IOU<String> seen = scheduler(context).supply(REQUEST::get);
            REQUEST.remove();
            assertThat(seen.await(WAIT)).isEqualTo("request-A");
            assertThat(scheduler(context).supply(() -> String.valueOf(REQUEST.get())).await(WAIT)).isEqualTo("null");
        });
    }

    @Test
    void plainTasksGivenToThePoolCarryTheSubmittersContext() {
        this.runner.run((context) -> {
            CompletableFuture<String> seen = new CompletableFuture<>();
            REQUEST.set("request-A");
            scheduler(context).executor().execute(() -> seen.complete(REQUEST.get()));
            REQUEST.remove();
            assertThat(seen.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("request-A");
        });
    }

    /**
     * Other application contexts of this JVM (cached test contexts) may hold registrations of their
     * own, so this checks which propagator is in force rather than whether anything propagates.
     */
    @Test
    void severalContextsMayCloseInAnyOrderAndClosingTheLastStopsPropagating() {
        IouContextPropagator before = IouContext.current();
        this.runner.run((first) -> this.runner.run((second) -> {
            IouContextPropagator secondsOwn = second.getBean(IouContextSnapshotPropagator.class);
            assertThat(IouContext.current()).isSameAs(secondsOwn);
            first.close();
            assertThat(IouContext.current()).isSameAs(secondsOwn);
            assertThat(handlerSeesAddersContext(second)).isTrue();
        }));
        assertThat(IouContext.current()).isSameAs(before);
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnPropagator() {
        this.runner.withUserConfiguration(MdcPropagatorConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(IouContextSnapshotPropagator.class);
            assertThat(context.getBean(IouContextSnapshotPropagator.class))
                .isSameAs(context.getBean("mdcOnlyPropagator"));
            MDC.put("requestId", "42");
            REQUEST.set("request-A");
            IOU<String> seen = scheduler(context).supply(() -> MDC.get("requestId") + "/" + REQUEST.get());
            MDC.remove("requestId");
            REQUEST.remove();
            assertThat(seen.await(WAIT)).isEqualTo("42/null");
        });
    }

    @Test
    void backsOffWhenUserDefinesTheContextPropagationCustomizer() {
        this.runner.withUserConfiguration(UserCustomizerConfiguration.class).run((context) -> {
            assertThat(context.getBean("iouContextPropagationCustomizer"))
                .isSameAs(UserCustomizerConfiguration.CUSTOMIZER);
            CompletableFuture<String> seen = new CompletableFuture<>();
            REQUEST.set("request-A");
            scheduler(context).executor()
                .execute(() -> seen.complete(Thread.currentThread().getName() + " " + REQUEST.get()));
            REQUEST.remove();
            // the user's customizer ran, the starter's decorator did not: a plain task runs bare
            assertThat(seen.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("user-").endsWith(" null");
            // handlers carry their context all the same: that is the propagator's part
            assertThat(handlerSeesAddersContext(context)).isTrue();
        });
    }

    @Test
    void switchedOffByProperty() {
        IouContextPropagator before = IouContext.current();
        this.runner.withPropertyValues("iou.context-propagation.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(IouContextSnapshotPropagator.class)
                .doesNotHaveBean("iouContextPropagationCustomizer");
            // another cached context's propagator may be in force, but not one of this context's
            assertThat(IouContext.current()).isSameAs(before);
        });
    }

    @Test
    void absentWithoutMicrometerContextPropagation() {
        this.runner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class)).run((context) -> {
            assertThat(context).doesNotHaveBean(IouContextSnapshotPropagator.class)
                .doesNotHaveBean("iouContextPropagationCustomizer");
            assertThat(scheduler(context).supply(() -> "ran").await(WAIT)).isEqualTo("ran");
        });
    }

    /** Whether a handler added with a context, on an IOU settled elsewhere without one, sees it. */
    private static boolean handlerSeesAddersContext(ApplicationContext context) throws Exception {
        IOU<String> iou = scheduler(context).newIou();
        REQUEST.set("request-A");
        IOU<String> seen = iou.addFulfilledHandler((v) -> String.valueOf(REQUEST.get()));
        REQUEST.remove();
        CountDownLatch settled = new CountDownLatch(1);
        new Thread(() -> {
            iou.fulfill("x");
            settled.countDown();
        }).start();
        assertThat(settled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return seen.await(WAIT).equals("request-A");
    }

    private static IouScheduler scheduler(ApplicationContext context) {
        return context.getBean(IouScheduler.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class UserCustomizerConfiguration {

        static final IouSchedulerCustomizer CUSTOMIZER = (executor) -> executor.setThreadNamePrefix("user-");

        @Bean
        IouSchedulerCustomizer iouContextPropagationCustomizer() {
            return CUSTOMIZER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MdcPropagatorConfiguration {

        @Bean(initMethod = "start", destroyMethod = "close")
        IouContextSnapshotPropagator mdcOnlyPropagator() {
            return new IouContextSnapshotPropagator(
                    new ContextRegistry().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor("requestId")));
        }
    }
}
