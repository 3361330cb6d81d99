package io.iou;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The default unhandled-rejection log writes the first few rejections of each interval in full and
 * then one line with how many it left out: a flood cannot fill the log, and none goes unmentioned.
 */
class UnhandledRejectionLogTests {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong clock = new AtomicLong(1_000);

    private final RecordingLogger logger = new RecordingLogger();

    private final List<Runnable> timerTasks = new CopyOnWriteArrayList<>();

    private final List<Duration> timerDelays = new CopyOnWriteArrayList<>();

    private final IouHooks.Registration timer = IouTimer.replace((task, delay) -> {
        timerTasks.add(task);
        timerDelays.add(delay);
        return () -> { };
    });

    @AfterEach
    void restore() {
        timer.close();
        IouHooks.reset();
    }

    @Test
    void aBurstIsLoggedInFullUpToTheLimitThenSummarizedOnceWhenTheIntervalEnds() {
        UnhandledRejectionLog log = new UnhandledRejectionLog(3, INTERVAL, logger, clock::get);
        for (int i = 0; i < 1000; i++) {
            clock.addAndGet(1_000);
            log.accept(new IllegalStateException("upstream down " + i));
        }
        assertThat(logger.traces()).extracting(Throwable::getMessage)
                .containsExactly("upstream down 0", "upstream down 1", "upstream down 2");
        assertThat(logger.summaries()).isEmpty();
        // one timer for the interval, set for when it ends
        assertThat(timerTasks).hasSize(1);
        assertThat(timerDelays.get(0)).isEqualTo(INTERVAL.minusNanos(3 * 1_000));

        timerTasks.get(0).run();

        assertThat(logger.summaries()).containsExactly(
                "... and 997 more unhandled IOU rejection(s) within PT10S, not logged: at most 3 are logged per PT10S");
    }

    @Test
    void theNextIntervalLogsInFullAgain() {
        UnhandledRejectionLog log = new UnhandledRejectionLog(1, INTERVAL, logger, clock::get);
        log.accept(new IllegalStateException("a"));
        log.accept(new IllegalStateException("held back"));
        timerTasks.get(0).run();
        clock.addAndGet(INTERVAL.toNanos());

        log.accept(new IllegalStateException("b"));

        assertThat(logger.traces()).extracting(Throwable::getMessage).containsExactly("a", "b");
        assertThat(logger.summaries()).hasSize(1).allMatch(line -> line.startsWith("... and 1 more "));
    }

    @Test
    void aRejectionAfterTheIntervalSummarizesItWhenTheTimerIsLateAndTheTimerThenWritesNothing() {
        UnhandledRejectionLog log = new UnhandledRejectionLog(1, INTERVAL, logger, clock::get);
        log.accept(new IllegalStateException("a"));
        log.accept(new IllegalStateException("held back 1"));
        log.accept(new IllegalStateException("held back 2"));
        clock.addAndGet(INTERVAL.toNanos());

        log.accept(new IllegalStateException("b"));
        timerTasks.get(0).run();

        assertThat(logger.lines()).containsExactly("trace a",
                "... and 2 more unhandled IOU rejection(s) within PT10S, not logged: at most 1 are logged per PT10S",
                "trace b");
    }

    @Test
    void aBurstOfZeroLogsOnlyTheCounts() {
        UnhandledRejectionLog log = new UnhandledRejectionLog(0, INTERVAL, logger, clock::get);
        log.accept(new IllegalStateException("a"));
        log.accept(new IllegalStateException("b"));
        timerTasks.get(0).run();

        assertThat(logger.traces()).isEmpty();
        assertThat(logger.summaries()).hasSize(1).allMatch(line -> line.startsWith("... and 2 more "));
    }

    @Test
    void concurrentRejectionsAreEachEitherLoggedOrCounted() throws Exception {
        int threads = 8;
        int each = 2_000;
        UnhandledRejectionLog log = new UnhandledRejectionLog(5, INTERVAL, logger, clock::get);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        log.accept(new IllegalStateException("x"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(timerTasks).hasSize(1);
        timerTasks.get(0).run();

        assertThat(logger.traces()).hasSize(5);
        assertThat(logger.summaries()).containsExactly("... and " + (threads * each - 5)
                + " more unhandled IOU rejection(s) within PT10S, not logged: at most 5 are logged per PT10S");
    }

    @Test
    void theDefaultHandlerIsLimitedAndTheLimitsCanBeChanged() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger julLogger = Logger.getLogger(IOU.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parentHandlers = julLogger.getUseParentHandlers();
        julLogger.addHandler(handler);
        julLogger.setUseParentHandlers(false);
        try (IouHooks.Registration limit = IouHooks.limitUnhandledRejectionLog(2, Duration.ofHours(1))) {
            for (int i = 0; i < 50; i++) {
                IouHooks.reportUnhandled(new IllegalStateException("lost " + i));
            }
            timerTasks.get(0).run();
        }
        finally {
            julLogger.removeHandler(handler);
            julLogger.setUseParentHandlers(parentHandlers);
        }
        // a rejection left unhandled by an earlier test may be collected meanwhile and counted too
        assertThat(records).hasSize(3);
        assertThat(records.get(0).getThrown()).isNotNull();
        assertThat(records.get(1).getThrown()).isNotNull();
        Matcher summary = Pattern.compile("\\.\\.\\. and (\\d+) more unhandled IOU rejection\\(s\\) within PT1H.*")
                .matcher(records.get(2).getMessage());
        assertThat(summary.matches()).as(records.get(2).getMessage()).isTrue();
        assertThat(Long.parseLong(summary.group(1))).isGreaterThanOrEqualTo(48);
    }

    @Test
    void badLimitsAreRefusedWithTheirValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> IouHooks.limitUnhandledRejectionLog(-1, INTERVAL))
                .withMessage("burst must not be negative but was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> IouHooks.limitUnhandledRejectionLog(1, Duration.ZERO))
                .withMessage("interval must be positive but was PT0S");
    }

    /** Records what is logged: traces by their exception, other lines by their text. */
    private static final class RecordingLogger implements System.Logger {

        private final List<Object> logged = new CopyOnWriteArrayList<>();

        List<Throwable> traces() {
            return logged.stream().filter(Throwable.class::isInstance).map(Throwable.class::cast).toList();
        }

        List<String> summaries() {
            return logged.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }

        List<String> lines() {
            return logged.stream().map(o -> o instanceof Throwable t ? "trace " + t.getMessage() : (String) o).toList();
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            logged.add(thrown != null ? thrown : msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            logged.add(format);
        }
    }
}
