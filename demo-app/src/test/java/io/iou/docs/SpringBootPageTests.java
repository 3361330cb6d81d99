package io.iou.docs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.http.IouHttpResponse;
import io.iou.spring.http.IouHttpStatusException;
import io.iou.test.IouAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of docs/spring-boot.md answer as the page says. */
@SpringBootTest(classes = DocsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SpringBootPageTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The people service the HTTP reactor's example calls: a JDK server on loopback. */
    private static final HttpServer PEOPLE = peopleService();

    @Autowired
    private WebTestClient client;

    @Autowired
    private IouHttpReactor http;

    @DynamicPropertySource
    static void peopleServiceIsTheBaseUrl(DynamicPropertyRegistry properties) {
        properties.add("iou.http.base-url", () -> "http://127.0.0.1:" + PEOPLE.getAddress().getPort());
    }

    @AfterAll
    static void stopPeopleService() {
        PEOPLE.stop(0);
    }

    @Test
    void personIsAnsweredFromThePool() {
        client.get().uri("/person/7").exchange().expectStatus().isOk().expectBody(Person.class)
                .isEqualTo(new Person(7, "Ada"));
    }

    @Test
    void anUnknownPersonIs404() {
        client.get().uri("/person/8").exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.detail").isEqualTo("no person 8");
    }

    @Test
    void deleteAnswers200WithNoBody() {
        client.delete().uri("/person/9").exchange().expectStatus().isOk().expectBody().isEmpty();
    }

    @Test
    void theHttpReactorExample() throws Exception {
        int id = 7;
        Person p = new Person(8, "Grace");

        IOU<Person> person = http.get("/people/" + id, Person.class);   // non-2xx rejects
        IOU<Integer> status =
        http.submitTask(IouHttpReactorTask.post("/people", p).withTimeout(Duration.ofSeconds(2)))
            .addFulfilledHandler(IouHttpResponse::statusCode);           // runs on the IOU pool

        assertThat(person.await(WAIT)).isEqualTo(new Person(7, "Ada"));
        assertThat(status.await(WAIT)).isEqualTo(201);
        IouAssertions.assertThat(http.get("/people/404", Person.class)).failsWithin(WAIT)
                .isInstanceOf(IouHttpStatusException.class);
    }

    private static HttpServer peopleService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/people/7", exchange -> answer(exchange, 200, "{\"id\":7,\"name\":\"Ada\"}"));
            server.createContext("/people/404", exchange -> answer(exchange, 404, "{}"));
            server.createContext("/people", exchange -> answer(exchange,
                    "POST".equals(exchange.getRequestMethod()) ? 201 : 405, ""));
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
