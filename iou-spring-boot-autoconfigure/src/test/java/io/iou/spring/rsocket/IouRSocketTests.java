package io.iou.spring.rsocket;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.transport.netty.client.TcpClientTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.service.RSocketExchange;
import org.springframework.messaging.rsocket.service.RSocketServiceProxyFactory;
import org.springframework.stereotype.Controller;
import org.springframework.test.annotation.DirtiesContext;

import io.iou.IOU;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Another reader of the shared registry: RSocket, with Spring messaging's {@code @MessageMapping}
 * handlers returning IOUs and {@code @RSocketExchange} clients returning them, over TCP on loopback.
 * The application registers nothing for it: the starter's registration is what they read.
 */
@DirtiesContext
@SpringBootTest(classes = IouRSocketTests.RSocketApplication.class, webEnvironment = WebEnvironment.NONE,
        properties = { "spring.rsocket.server.port=0", "spring.rsocket.server.address=127.0.0.1" })
class IouRSocketTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private RSocketRequester.Builder builder;

    @Autowired
    private PeopleHandler handler;

    @Value("${local.rsocket.server.port}")
    private int port;

    private LoopResources loops;

    private RSocketRequester requester;

    @BeforeEach
    void connect() {
        loops = LoopResources.create("rsocket-client", 1, true);
        requester = builder.transport(TcpClientTransport.create(TcpClient.create().runOn(loops)
                .host("127.0.0.1").port(port)));
    }

    @AfterEach
    void disconnect() {
        requester.dispose();
        loops.disposeLater(Duration.ZERO, WAIT).block(WAIT);
    }

    @Test
    void aHandlerReturningAnIouAnswersWithItsValue() {
        Person person = requester.route("person").data("Ada").retrieveMono(Person.class).block(WAIT);

        assertThat(person).isEqualTo(new Person("Ada", 36));
    }

    @Test
    void aRejectionReachesTheRequesterAsAnError() {
        assertThatExceptionOfType(ApplicationErrorException.class)
                .isThrownBy(() -> requester.route("person").data("nobody").retrieveMono(Person.class).block(WAIT))
                .withMessageContaining("no person named nobody");
    }

    @Test
    void aRequesterThatCancelsWithdrawsFromTheHandlersIou() {
        Disposable request = requester.route("hang").retrieveMono(String.class).subscribe();
        await().atMost(WAIT).until(() -> handler.hanging.size() == 1);

        request.dispose();

        await().atMost(WAIT).until(() -> handler.hanging.get(0).isCancelled());
    }

    @Test
    void anRSocketExchangeClientReturnsIous() {
        PeopleClient client = RSocketServiceProxyFactory.builder(requester).build().createClient(PeopleClient.class);

        assertThat(client.person("Alan")).succeedsWithin(WAIT).isEqualTo(new Person("Alan", 36));
        assertThat(client.person("nobody")).failsWithin(WAIT).isInstanceOf(ApplicationErrorException.class);
    }

    @Test
    void cancellingAClientsIouCancelsTheRequestAndTheHandlersIou() {
        PeopleClient client = RSocketServiceProxyFactory.builder(requester).build().createClient(PeopleClient.class);

        IOU<String> hanging = client.hang();
        await().atMost(WAIT).until(() -> handler.hanging.size() == 1);
        hanging.cancel();

        await().atMost(WAIT).until(() -> handler.hanging.get(0).isCancelled());
    }

    record Person(String name, int age) {
    }

    /** An RSocket client interface. */
    interface PeopleClient {

        @RSocketExchange("person")
        IOU<Person> person(@Payload String name);

        @RSocketExchange("hang")
        IOU<String> hang();
    }

    /** Handlers that return IOUs. */
    @Controller
    static class PeopleHandler {

        final List<IOU<String>> hanging = new CopyOnWriteArrayList<>();

        @MessageMapping("person")
        IOU<Person> person(String name) {
            return "nobody".equals(name) ? IOU.rejected(new IllegalArgumentException("no person named nobody"))
                    : IOU.fulfilled(new Person(name, 36));
        }

        @MessageMapping("hang")
        IOU<String> hang() {
            hanging.clear();
            IOU<String> iou = new IOU<>();
            hanging.add(iou);
            return iou;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PeopleHandler.class)
    static class RSocketApplication {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }
}
