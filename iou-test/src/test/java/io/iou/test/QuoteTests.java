package io.iou.test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.iou.IOU;

import static io.iou.test.IouAssertions.assertThat;

/** The example of docs/testing.md, as written there, with the service it tests below it. */
@IouVirtualTime                                   // a VirtualIouTimer per test, passed as a parameter
class QuoteTests {

    private final QuoteService quotes = new QuoteService();

    @Test
    void givesUpAfterThirtySeconds(VirtualIouTimer time) {
        IOU<Quote> quote = quotes.fetch("ACME").timeout(Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(30));
        assertThat(quote).hasTimedOut();
    }

    @Test
    void answers() {
        IOU<Quote> quote = quotes.fetch("ACME");
        new Thread(() -> quotes.answer("ACME", 42)).start();
        assertThat(quote).succeedsWithin(Duration.ofSeconds(5)).extracting(Quote::price).isEqualTo(42);
    }

    record Quote(String symbol, int price) {
    }

    /** Quotes that arrive when {@link #answer} says so, as from a remote service. */
    static final class QuoteService {

        private final Map<String, IOU<Quote>> asked = new ConcurrentHashMap<>();

        IOU<Quote> fetch(String symbol) {
            return asked.computeIfAbsent(symbol, s -> new IOU<>());
        }

        void answer(String symbol, int price) {
            fetch(symbol).fulfill(new Quote(symbol, price));
        }
    }
}
