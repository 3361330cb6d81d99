package io.iou.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import io.iou.IOU;
import io.iou.spring.http.IouHttpException;
import io.iou.spring.http.IouHttpException.Kind;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.http.IouHttpResponse;
import io.iou.spring.http.LoopbackHttpServer;
import io.iou.spring.http.TestIouScheduler;
import io.iou.spring.http.UnacceptingListener;
import io.iou.spring.scheduler.IouScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link IouHttpAutoConfiguration} in real application contexts, against a loopback server. */
class IouHttpAutoConfigurationTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    record Person(String name, int age) {
    }

    static LoopbackHttpServer server;

    static TestIouScheduler pool;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
                WebClientAutoConfiguration.class, IouHttpAutoConfiguration.class))
        .withUserConfiguration(SchedulerConfiguration.class)
        // each context disposes Reactor Netty's event loops as it closes: no need to linger
        .withPropertyValues("spring.reactor.netty.shutdown-quiet-period=0s");

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start();
        pool = new TestIouScheduler();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
        pool.close();
    }

    static IouHttpResponse response(IouHttpReactor reactor, String url) throws Exception {
        return reactor.submitTask(new IouHttpReactorTask(url)).await(WAIT);
    }

    static IouHttpException failure(IOU<?> iou) {
        Throwable thrown = catchThrowable(() -> iou.await(WAIT));
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(IouHttpException.class);
        return (IouHttpException) thrown.getCause();
    }

    @Test
    void providesAReactorThatDecodesWithBootsCodecs() {
        this.runner.run((context) -> {
            IouHttpReactor reactor = context.getBean(IouHttpReactor.class);
            assertThat(reactor.settings()).isEqualTo(IouHttpReactor.Settings.defaults());
            assertThat(reactor.get(server.url("/person"), Person.class).await(WAIT)).isEqualTo(new Person("Ada", 36));
        });
    }

    @Test
    void appliesWebClientCustomizers() {
        this.runner.withBean(WebClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Customized", "yes"))
            .run((context) -> assertThat(response(context.getBean(IouHttpReactor.class), server.url("/header/X-Customized"))
                .bodyAsText()).isEqualTo("yes"));
    }

    @Test
    void backsOffWhenUserDefinesAReactor() {
        this.runner.withUserConfiguration(UserReactorConfiguration.class)
            .run((context) -> assertThat(context).getBean(IouHttpReactor.class)
                .isSameAs(context.getBean(UserReactorConfiguration.class).reactor));
    }

    @Test
    void backsOffWithoutAnIouScheduler() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, IouHttpAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IouHttpReactor.class));
    }

    @Test
    void backsOffWithoutAWebClientBuilder() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IouHttpAutoConfiguration.class))
            .withUserConfiguration(SchedulerConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IouHttpReactor.class));
    }

    @Test
    void backsOffWithoutWebClient() {
        this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IouHttpReactor.class));
    }

    @Test
    void appliesBaseUrlAndLimitProperties() {
        this.runner
            .withPropertyValues("iou.http.base-url=" + server.url("/status"), "iou.http.max-in-flight=3",
                    "iou.http.max-queued=7", "iou.http.max-response-size=2KB")
            .run((context) -> {
                IouHttpReactor reactor = context.getBean(IouHttpReactor.class);
                assertThat(reactor.settings()).isEqualTo(IouHttpReactor.Settings.defaults()
                    .withBaseUrl(server.url("/status"))
                    .withMaxInFlight(3)
                    .withMaxQueued(7)
                    .withMaxResponseSize(2048));
                assertThat(response(reactor, "/201").statusCode()).isEqualTo(201);
                assertThat(failure(reactor.submitTask(new IouHttpReactorTask(server.url("/bytes/2049")))).kind())
                    .isEqualTo(Kind.RESPONSE_TOO_LARGE);
            });
    }

    @Test
    void appliesResponseTimeout() {
        this.runner.withPropertyValues("iou.http.response-timeout=250ms")
            .run((context) -> assertThat(failure(context.getBean(IouHttpReactor.class)
                .submitTask(new IouHttpReactorTask(server.url("/hang")))).kind()).isEqualTo(Kind.RESPONSE_TIMEOUT));
    }

    @Test
    void appliesConnectTimeout() throws Exception {
        try (UnacceptingListener listener = new UnacceptingListener()) {
            this.runner.withPropertyValues("iou.http.connect-timeout=250ms")
                .run((context) -> assertThat(failure(context.getBean(IouHttpReactor.class)
                    .submitTask(new IouHttpReactorTask("http://127.0.0.1:" + listener.port() + "/"))).kind())
                    .isEqualTo(Kind.CONNECT_TIMEOUT));
        }
    }

    @Test
    void inheritsSpringHttpClientsTimeoutsWhenUnset() {
        this.runner.withPropertyValues("spring.http.clients.read-timeout=250ms")
            .run((context) -> assertThat(failure(context.getBean(IouHttpReactor.class)
                .submitTask(new IouHttpReactorTask(server.url("/hang")))).kind()).isEqualTo(Kind.RESPONSE_TIMEOUT));
    }

    @Test
    void keepsBootsOtherClientSettingsWhenSettingOneTimeout() {
        this.runner.withPropertyValues("spring.http.clients.read-timeout=250ms", "iou.http.connect-timeout=5s")
            .run((context) -> assertThat(failure(context.getBean(IouHttpReactor.class)
                .submitTask(new IouHttpReactorTask(server.url("/hang")))).kind()).isEqualTo(Kind.RESPONSE_TIMEOUT));
    }

    @Test
    void keepsConnectorBuilderCustomizersWhenSettingTimeouts() {
        this.runner.withPropertyValues("iou.http.response-timeout=5s")
            .withBean(ClientHttpConnectorBuilderCustomizer.class,
                    () -> (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) (builder) -> builder
                        .withHttpClientCustomizer((client) -> client.headers((headers) -> headers.set("X-Connector", "kept"))))
            .run((context) -> assertThat(response(context.getBean(IouHttpReactor.class), server.url("/header/X-Connector"))
                .bodyAsText()).isEqualTo("kept"));
    }

    @Test
    void propertyDefaultsAreTheReactorDefaults() {
        assertThat(new IouHttpProperties().toSettings()).isEqualTo(IouHttpReactor.Settings.defaults());
    }

    @Test
    void closingTheContextClosesTheReactor() {
        IouHttpReactor[] reactor = new IouHttpReactor[1];
        this.runner.run((context) -> reactor[0] = context.getBean(IouHttpReactor.class));
        assertThat(failure(reactor[0].submitTask(new IouHttpReactorTask(server.url("/status/200")))).kind())
            .isEqualTo(Kind.CLOSED);
    }

    @Configuration(proxyBeanMethods = false)
    static class SchedulerConfiguration {

        @Bean
        IouScheduler iouScheduler() {
            return pool.scheduler();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserReactorConfiguration {

        final IouHttpReactor reactor = new IouHttpReactor(WebClient.builder(), pool.scheduler());

        @Bean
        IouHttpReactor userReactor() {
            return this.reactor;
        }

    }
}
