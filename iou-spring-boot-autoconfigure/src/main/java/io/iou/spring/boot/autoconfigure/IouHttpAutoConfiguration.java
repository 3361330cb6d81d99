package io.iou.spring.boot.autoconfigure;

import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.scheduler.IouScheduler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the {@link IouHttpReactor}, built from Boot's {@link WebClient.Builder}
 * (so codecs, observation and {@code WebClientCustomizer}s apply) and the {@link IouScheduler}; each
 * task is observed ({@code iou.http.task}) when there is an {@link ObservationRegistry}.
 *
 * <p>When {@code iou.http.connect-timeout} or {@code iou.http.response-timeout} is set, the
 * reactor gets a connector of its own, built by Boot's {@link ClientHttpConnectorBuilder} (with its
 * customizers and, for Reactor Netty, the shared event loops and connection pool) from Boot's
 * {@link HttpClientSettings} with those timeouts put in; other {@code WebClient}s keep theirs.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
        "io.iou.spring.boot.autoconfigure.IouSchedulerAutoConfiguration" })
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@ConditionalOnBean({ WebClient.Builder.class, IouScheduler.class })
@EnableConfigurationProperties(IouHttpProperties.class)
public final class IouHttpAutoConfiguration {

    /** Called by Spring Boot when the auto-configuration applies. */
    public IouHttpAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    IouHttpReactor iouHttpReactor(WebClient.Builder webClientBuilder, IouScheduler iouScheduler,
            IouHttpProperties properties, ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
            ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        if (properties.getConnectTimeout() != null || properties.getResponseTimeout() != null) {
            HttpClientSettings settings = new HttpClientSettings(null, properties.getConnectTimeout(),
                    properties.getResponseTimeout(), null)
                .orElse(httpClientSettings.getIfAvailable(HttpClientSettings::defaults));
            // The builder is Boot's prototype: this instance is the reactor's alone.
            webClientBuilder.clientConnector(clientHttpConnectorBuilder
                .getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))
                .build(settings));
        }
        return new IouHttpReactor(webClientBuilder, iouScheduler, properties.toSettings(),
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

}
