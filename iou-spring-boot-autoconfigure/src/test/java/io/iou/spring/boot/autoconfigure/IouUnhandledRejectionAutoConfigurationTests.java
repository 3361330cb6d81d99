package io.iou.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.iou.IOU;
import io.iou.IouHook;
import io.iou.IouHooks;
import io.iou.IouTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A flood of unhandled rejections logs a few in full, then a count, as the properties say. */
class IouUnhandledRejectionAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IouUnhandledRejectionAutoConfiguration.class));

    /** The JDK logger the core's System.Logger writes to; held, as the JDK keeps loggers only weakly. */
    private final Logger coreLogger = Logger.getLogger(IOU.class.getName());

    /** What the core logs. */
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();

    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Interval ends, run by the test instead of a clock. */
    private final List<Runnable> intervalEnds = new CopyOnWriteArrayList<>();

    private IouHooks.Registration timer;

    @BeforeEach
    void record() {
        this.coreLogger.addHandler(this.recorder);
        this.timer = IouTimer.replace((task, delay) -> {
            this.intervalEnds.add(task);
            return () -> { };
        });
    }

    @AfterEach
    void restore() {
        this.coreLogger.removeHandler(this.recorder);
        this.timer.close();
    }

    @Test
    void aFloodLogsTheBurstInFullAndThenCountsTheRest() {
        this.runner.withPropertyValues("iou.unhandled-rejections.log-burst=2",
                "iou.unhandled-rejections.log-interval=1h").run((context) -> {
                    Set<String> reported = ConcurrentHashMap.newKeySet();
                    IouHooks.Registration counting = IouHooks.register(new IouHook() {
                        @Override
                        public void unhandledRejection(Throwable reason) {
                            reported.add(String.valueOf(reason.getMessage()));
                        }
                    });
                    try {
                        for (int i = 0; i < 20; i++) {
                            IOU.rejected(new IllegalStateException("upstream down " + i));
                        }
                        // the core reports a rejection once its IOU is unreachable: collect until all are
                        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                            System.gc();
                            return reported.stream().filter((message) -> message.startsWith("upstream down")).count() == 20;
                        });
                    }
                    finally {
                        counting.close();
                    }
                    // rejections other tests left unhandled may be collected now too: never fewer
                    assertThat(this.logged).filteredOn((record) -> record.getThrown() != null).hasSize(2);
                    assertThat(this.intervalEnds).hasSize(1);

                    this.intervalEnds.get(0).run();

                    assertThat(this.logged).filteredOn((record) -> record.getThrown() == null).singleElement()
                        .satisfies((summary) -> {
                            Matcher count = Pattern.compile("\\.\\.\\. and (\\d+) more unhandled IOU rejection\\(s\\) "
                                    + "within PT1H, not logged: at most 2 are logged per PT1H").matcher(summary.getMessage());
                            assertThat(count.matches()).as(summary.getMessage()).isTrue();
                            assertThat(Integer.parseInt(count.group(1))).isGreaterThanOrEqualTo(18);
                        });
                });
    }

    @Test
    void backsOffWhenUserDefinesTheLogLimit() {
        AtomicBoolean closed = new AtomicBoolean();
        IouHooks.Registration users = () -> closed.set(true);
        this.runner.withBean("iouUnhandledRejectionLogLimit", IouHooks.Registration.class, () -> users)
            .run((context) -> assertThat(context.getBean("iouUnhandledRejectionLogLimit")).isSameAs(users));
        assertThat(closed).as("closed with the context").isTrue();
    }

}
