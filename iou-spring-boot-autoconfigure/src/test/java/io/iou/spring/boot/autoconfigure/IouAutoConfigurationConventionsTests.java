package io.iou.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every IOU auto-configuration keeps, checked over all of them at once, so that a new
 * one cannot forget them: each bean gives way to the application's, and each property the starter
 * reads is in the configuration metadata that IDEs complete from.
 */
class IouAutoConfigurationConventionsTests {

    private static final ClassLoader CLASS_LOADER = IouAutoConfigurationConventionsTests.class.getClassLoader();

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** Every {@code @Bean} of the starter, in its auto-configurations and their nested configurations. */
    @Test
    void everyBeanBacksOffWhenTheApplicationDefinesItsOwn() {
        List<String> beans = new ArrayList<>();
        List<String> withoutBackOff = new ArrayList<>();
        for (Class<?> configuration : configurations()) {
            for (Method method : configuration.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Bean.class)) {
                    beans.add(configuration.getSimpleName() + "." + method.getName());
                    if (!method.isAnnotationPresent(ConditionalOnMissingBean.class)) {
                        withoutBackOff.add(configuration.getName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(beans).as("the starter's beans").hasSizeGreaterThan(20);
        assertThat(withoutBackOff).as("beans without @ConditionalOnMissingBean").isEmpty();
    }

    /**
     * The configuration processor sees only {@code @ConfigurationProperties}; a property read by a
     * condition or from the {@code Environment} needs an entry in
     * {@code additional-spring-configuration-metadata.json}, or Boot's own metadata must have it.
     */
    @Test
    void everyPropertyTheStarterReadsIsInTheConfigurationMetadata() throws IOException {
        Set<String> read = new TreeSet<>();
        for (Class<?> configuration : configurations()) {
            annotatedElements(configuration).forEach((element) -> read.addAll(propertiesReadBy(element)));
        }
        read.addAll(propertiesReadFromTheEnvironment());
        assertThat(read).as("properties read by conditions and the Environment")
            .contains("iou.metrics.enabled", "iou.context-propagation.enabled", "management.health.iou.enabled",
                    "spring.threads.virtual.enabled");

        Set<String> starters = propertyNames(Collections.singletonList(starterMetadata()));
        Set<String> everyones = propertyNames(Collections.list(CLASS_LOADER.getResources(METADATA)));
        for (String property : read) {
            boolean starterOwns = property.startsWith("iou.") || property.startsWith("management.health.iou.");
            assertThat(starterOwns ? starters : everyones).as("metadata holding " + property).contains(property);
        }
    }

    /**
     * docs/properties.md holds the table this renders from the metadata: every property, its default
     * and its description, sorted by name. When they differ, the failure shows the table to paste.
     */
    @Test
    void thePropertiesPageListsEveryPropertyAsTheMetadataHasIt() throws IOException {
        String page = Files.readString(Path.of("../docs/properties.md"));
        Matcher table = Pattern.compile("<!-- properties: generated[^\\n]*-->\\n(.*?)<!-- properties: end -->",
                Pattern.DOTALL).matcher(page);
        assertThat(table.find()).as("the generated table's markers in docs/properties.md").isTrue();
        assertThat(table.group(1)).as("the table in docs/properties.md").isEqualTo(propertiesTable(starterMetadata()));
    }

    /** The table of docs/properties.md: one row per property of {@code metadata}, sorted by name. */
    static String propertiesTable(URL metadata) throws IOException {
        List<JsonNode> properties = new ArrayList<>();
        properties(metadata).forEach(properties::add);
        properties.sort(Comparator.comparing((property) -> property.get("name").asString()));
        StringBuilder table = new StringBuilder("| property | default | description |\n|---|---|---|\n");
        for (JsonNode property : properties) {
            JsonNode value = property.get("defaultValue");
            String defaultValue = (value == null || value.isNull()) ? "—" : "`" + value.asString() + "`";
            String description = property.has("description") ? property.get("description").asString() : "";
            table.append("| `").append(property.get("name").asString()).append("` | ").append(defaultValue)
                .append(" | ").append(description.replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }

    /** The auto-configurations the starter registers, and the configurations nested in them. */
    static List<Class<?>> configurations() {
        List<Class<?>> configurations = new ArrayList<>();
        for (String name : ImportCandidates.load(AutoConfiguration.class, CLASS_LOADER)) {
            if (name.startsWith("io.iou.")) {
                addWithNested(loadClass(name), configurations);
            }
        }
        assertThat(configurations).as("the starter's auto-configurations").hasSizeGreaterThan(10);
        return configurations;
    }

    /** The metadata this module's build wrote: the processor's, merged with the additional file. */
    static URL starterMetadata() throws IOException {
        URL classes = IouSchedulerProperties.class.getProtectionDomain().getCodeSource().getLocation();
        for (URL metadata : Collections.list(CLASS_LOADER.getResources(METADATA))) {
            if (metadata.toString().contains(classes.getPath())) {
                return metadata;
            }
        }
        throw new AssertionError("no " + METADATA + " in " + classes);
    }

    /** Every property of the given metadata files, by name. */
    static JsonNode properties(URL metadata) throws IOException {
        try (InputStream in = metadata.openStream()) {
            return JsonMapper.builder().build().readTree(in).get("properties");
        }
    }

    private static Set<String> propertyNames(List<URL> metadataFiles) throws IOException {
        Set<String> names = new TreeSet<>();
        for (URL metadata : metadataFiles) {
            properties(metadata).forEach((property) -> names.add(property.get("name").asString()));
        }
        return names;
    }

    private static void addWithNested(Class<?> type, List<Class<?>> into) {
        into.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            addWithNested(nested, into);
        }
    }

    private static Stream<AnnotatedElement> annotatedElements(Class<?> configuration) {
        return Stream.concat(Stream.of(configuration), Stream.of(configuration.getDeclaredMethods()));
    }

    private static Set<String> propertiesReadBy(AnnotatedElement element) {
        Set<String> names = new TreeSet<>();
        MergedAnnotations annotations = MergedAnnotations.from(element);
        annotations.stream(ConditionalOnBooleanProperty.class).forEach((condition) -> names.addAll(named(condition)));
        annotations.stream(ConditionalOnProperty.class).forEach((condition) -> names.addAll(named(condition)));
        annotations.stream(ConditionalOnEnabledHealthIndicator.class)
            .forEach((condition) -> names.add("management.health." + condition.getString("value") + ".enabled"));
        return names;
    }

    /** The full names a property condition reads: its prefix joined to each of its names. */
    private static List<String> named(MergedAnnotation<?> condition) {
        String prefix = condition.getString("prefix");
        if (StringUtils.hasText(prefix) && !prefix.endsWith(".")) {
            prefix = prefix + ".";
        }
        String[] names = condition.getStringArray("name");
        if (names.length == 0) {
            names = condition.getStringArray("value");
        }
        List<String> full = new ArrayList<>();
        for (String name : names) {
            full.add(prefix + name);
        }
        return full;
    }

    /** The names main code passes to {@code Environment.getProperty} as literals. */
    private static Set<String> propertiesReadFromTheEnvironment() throws IOException {
        Pattern getProperty = Pattern.compile("getProperty\\(\\s*\"([^\"]+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = getProperty.matcher(Files.readString(source));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name, false, CLASS_LOADER);
        }
        catch (ClassNotFoundException ex) {
            throw new AssertionError(ex);
        }
    }
}
