package io.iou.demo;

import java.net.URI;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Where the people service is: {@code demo.people.url}, or, when that is empty, the one this app
 * serves itself, whose port is known only once the server is up. So the {@code people} HTTP service
 * group resolves its URLs against it at each request rather than at startup.
 */
@Component
public class PeopleServiceUrl implements UriBuilderFactory {

    private final Environment environment;

    private final String configuredUrl;

    /**
     * Creates the URL.
     *
     * @param environment to find this app's own port when the people service is the built-in one
     * @param configuredUrl {@code demo.people.url}: the people service; empty for the built-in one
     */
    public PeopleServiceUrl(Environment environment, @Value("${demo.people.url:}") String configuredUrl) {
        this.environment = environment;
        this.configuredUrl = configuredUrl;
    }

    /**
     * Returns the base URL of the people service.
     *
     * @return the configured URL, or the built-in service's on this app's port
     */
    public String get() {
        if (!configuredUrl.isEmpty()) {
            return configuredUrl;
        }
        return "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + "/upstream/people";
    }

    @Override
    public UriBuilder uriString(String uriTemplate) {
        return factory().uriString(uriTemplate);
    }

    @Override
    public UriBuilder builder() {
        return factory().builder();
    }

    @Override
    public URI expand(String uriTemplate, Map<String, ?> uriVariables) {
        return factory().expand(uriTemplate, uriVariables);
    }

    @Override
    public URI expand(String uriTemplate, Object... uriVariables) {
        return factory().expand(uriTemplate, uriVariables);
    }

    private DefaultUriBuilderFactory factory() {
        return new DefaultUriBuilderFactory(get());
    }
}
