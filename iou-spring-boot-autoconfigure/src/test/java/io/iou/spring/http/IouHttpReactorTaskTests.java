package io.iou.spring.http;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link IouHttpReactorTask}: what a task holds and what it refuses. */
class IouHttpReactorTaskTests {

    @Test
    void newTaskIsABareGet() {
        IouHttpReactorTask task = new IouHttpReactorTask("http://127.0.0.1:8080/people/1");
        assertThat(task.method()).isEqualTo(HttpMethod.GET);
        assertThat(task.uri()).isEqualTo(URI.create("http://127.0.0.1:8080/people/1"));
        assertThat(task.headers().isEmpty()).isTrue();
        assertThat(task.body()).isNull();
        assertThat(task.timeout()).isNull();
        assertThat(task.expectSuccess()).isFalse();
    }

    @Test
    void withMethodsReturnChangedCopiesAndLeaveTheOriginal() {
        IouHttpReactorTask original = IouHttpReactorTask.get("/people");
        IouHttpReactorTask changed = original.withMethod(HttpMethod.PATCH)
            .withHeader("X-One", "1")
            .withHeader("X-Many", "a", "b")
            .withBody("patch")
            .withTimeout(Duration.ofSeconds(3))
            .withExpectSuccess(true);
        assertThat(changed.method()).isEqualTo(HttpMethod.PATCH);
        assertThat(changed.headers().get("X-Many")).containsExactly("a", "b");
        assertThat(changed.body()).isEqualTo("patch");
        assertThat(changed.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(changed.expectSuccess()).isTrue();
        assertThat(original.method()).isEqualTo(HttpMethod.GET);
        assertThat(original.headers().isEmpty()).isTrue();
        assertThat(original.body()).isNull();
    }

    @Test
    void headersReplaceEarlierValuesOfTheSameName() {
        HttpHeaders more = new HttpHeaders();
        more.add("X-One", "again");
        more.add("X-Two", "2");
        IouHttpReactorTask task = IouHttpReactorTask.get("/").withHeader("X-One", "1").withHeaders(more);
        assertThat(task.headers().get("X-One")).containsExactly("again");
        assertThat(task.headers().get("X-Two")).containsExactly("2");
        assertThatThrownBy(() -> task.headers().add("X-Three", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void factoriesSetMethodAndBody() {
        assertThat(IouHttpReactorTask.post("/p", "b").method()).isEqualTo(HttpMethod.POST);
        assertThat(IouHttpReactorTask.put("/p", "b").body()).isEqualTo("b");
        assertThat(IouHttpReactorTask.delete("/p").method()).isEqualTo(HttpMethod.DELETE);
    }

    @Test
    void badInputFailsAtOnceNamingWhatIsWrong() {
        assertThatNullPointerException().isThrownBy(() -> new IouHttpReactorTask((String) null)).withMessage("uri");
        assertThatIllegalArgumentException().isThrownBy(() -> new IouHttpReactorTask("http://127.0.0.1/a b"))
            .withMessageStartingWith("Invalid task URI 'http://127.0.0.1/a b'");
        assertThatIllegalArgumentException().isThrownBy(() -> new IouHttpReactorTask("ftp://127.0.0.1/file"))
            .withMessageContaining("must be http or https");
        assertThatIllegalArgumentException().isThrownBy(() -> new IouHttpReactorTask("//127.0.0.1/x"))
            .withMessageContaining("needs a scheme");
        IouHttpReactorTask task = IouHttpReactorTask.get("/");
        assertThatIllegalArgumentException().isThrownBy(() -> task.withTimeout(Duration.ZERO))
            .withMessage("Task timeout must be positive but was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> task.withHeader(" ", "v"))
            .withMessage("Header name must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> task.withHeader("X-None"))
            .withMessage("Header 'X-None' needs at least one value");
        assertThatIllegalArgumentException().isThrownBy(() -> task.withBody(Mono.just("streamed")))
            .withMessageStartingWith("Task body must be a value, not a reactive stream");
    }

    @Test
    void toStringShowsNoCredentialsQueryHeadersOrBody() {
        IouHttpReactorTask task = IouHttpReactorTask.post("https://me:pw@127.0.0.1:8443/login?key=k3y", "secret-body")
            .withHeader("Authorization", "Bearer t0ken");
        assertThat(task).hasToString("POST https://127.0.0.1:8443/login?...");
    }
}
