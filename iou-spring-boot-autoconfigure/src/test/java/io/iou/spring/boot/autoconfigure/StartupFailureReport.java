package io.iou.spring.boot.autoconfigure;

import java.util.List;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Boot prints under "APPLICATION FAILED TO START" when a context fails: the description of
 * the first failure analysis that explains the failure, found as Boot's own {@code FailureAnalyzers}
 * finds it (every {@link FailureAnalyzer} in {@code spring.factories} that can be made here, in order).
 */
final class StartupFailureReport {

    private StartupFailureReport() {
    }

    /**
     * The report of a context that failed to start.
     *
     * @param context a context from an {@code ApplicationContextRunner}
     * @return the failure analysis's description
     */
    static String of(ApplicationContextAssertProvider<?> context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
            .and(Environment.class, new StandardEnvironment());
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(StartupFailureReport.class)));
        for (FailureAnalyzer analyzer : analyzers) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis.getDescription();
            }
        }
        throw new AssertionError("no failure analyzer explains the failure", failure);
    }
}
