package io.iou.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java sample in README.md and docs/ is a test's code: its lines stand, in order, in a test
 * source of the project, where they are compiled and run. A sample edited in the documentation
 * alone, or code changed under it, fails here. Between two lines of a sample the test may have a few
 * lines of its own (an assertion between two steps, a variable that keeps a result).
 */
class DocumentationSamplesTests {

    /** The repository, seen from this module. */
    private static final Path ROOT = Path.of("..");

    /** How many lines of its own a test may have between two lines of a sample. */
    private static final int MAX_GAP = 3;

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSampleIsCodeThatATestRuns() throws IOException {
        List<List<String>> tests = new ArrayList<>();
        for (Path source : sources("src/test/java")) {
            tests.add(meaningfulLines(Files.readString(source)));
        }
        List<String> samples = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (Path page : pages()) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                List<String> sample = meaningfulLines(block.group(1));
                samples.add(page + ": " + sample.get(0));
                if (tests.stream().noneMatch((test) -> contains(test, sample))) {
                    untested.add(page + ", the sample that begins " + sample.get(0));
                }
            }
        }
        assertThat(samples).as("the Java samples found").hasSizeGreaterThanOrEqualTo(7);
        assertThat(untested).as("samples no test runs").isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The Java files below {@code folder} in every module of the repository. */
    private static List<Path> sources(String folder) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter((path) -> Files.isDirectory(path.resolve(folder))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve(folder))) {
                    files.filter((path) -> path.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    /** The lines that are not blank, without the indentation, which differs between a page and a test. */
    private static List<String> meaningfulLines(String text) {
        return text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
    }

    /** Whether {@code sample}'s lines stand in {@code test} in order, at most {@link #MAX_GAP} apart. */
    private static boolean contains(List<String> test, List<String> sample) {
        for (int start = 0; start < test.size(); start++) {
            if (test.get(start).equals(sample.get(0)) && matchesFrom(test, start, sample)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesFrom(List<String> test, int start, List<String> sample) {
        int at = start;
        for (String line : sample.subList(1, sample.size())) {
            int found = -1;
            for (int next = at + 1; next <= Math.min(at + 1 + MAX_GAP, test.size() - 1); next++) {
                if (test.get(next).equals(line)) {
                    found = next;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            at = found;
        }
        return true;
    }
}
