package io.iou.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the CSV that JMH writes for {@link CoreBenchmark} ({@code -rf csv -rff core.csv}) into the
 * Markdown table of the README: one row per case, the time of each library, and the ratios to
 * {@code CompletableFuture}, so that nobody divides by hand. With {@code -prof gc} it adds the bytes
 * each operation allocated.
 */
public final class CoreTable {

    /** Method-name prefix of each case, in the order of the table, and what the row says. */
    static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("oneHandler", "1. create, one handler, fulfil");
        CASES.put("chain10", "2. 10-stage chain, then fulfil");
        CASES.put("afterFulfil", "3. handler added after fulfil");
        CASES.put("afterFulfilValueOnly", "3b. same, only the value escapes");
        CASES.put("fanOut8", "4. fan-out: 8 handlers");
        CASES.put("all100", "5. all over 100");
        CASES.put("executorHop", "6. hop through an executor");
    }

    /** Below this a time or a byte count is noise (or an object that escape analysis removed). */
    private static final double NEGLIGIBLE = 0.05;

    private CoreTable() {
    }

    /**
     * Prints the table.
     *
     * @param args the CSV file JMH wrote
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CoreTable core.csv   (from: java -jar benchmarks.jar CoreBenchmark -rf csv -rff core.csv)");
            System.exit(2);
        }
        Map<String, JmhCsv.Score> scores = JmhCsv.read(List.of(Path.of(args[0])));
        table(scores, "", "ns/op");
        if (scores.keySet().stream().anyMatch(name -> name.endsWith(":gc.alloc.rate.norm"))) {
            System.out.println();
            table(scores, ":gc.alloc.rate.norm", "B/op");
        }
    }

    private static void table(Map<String, JmhCsv.Score> scores, String suffix, String unit) {
        System.out.printf("| case | IOU %1$s | CompletableFuture %1$s | Reactor %1$s | IOU / CF | Reactor / CF |%n", unit);
        System.out.println("|---|---:|---:|---:|---:|---:|");
        CASES.forEach((prefix, label) -> {
            JmhCsv.Score iou = scores.get(prefix + "_iou" + suffix);
            JmhCsv.Score cf = scores.get(prefix + "_future" + suffix);
            JmhCsv.Score reactor = scores.get(prefix + "_reactor" + suffix);
            if (iou != null || cf != null || reactor != null) {
                System.out.printf("| %s | %s | %s | %s | %s | %s |%n", label, cell(iou), cell(cf), cell(reactor),
                        ratio(iou, cf), ratio(reactor, cf));
            }
        });
    }

    private static String cell(JmhCsv.Score score) {
        if (score == null) {
            return "";
        }
        double value = score.value();
        double error = score.error();
        return Double.isNaN(error) || error < NEGLIGIBLE || value < NEGLIGIBLE ? format(value)
                : format(value) + " ± " + format(error);
    }

    private static String ratio(JmhCsv.Score score, JmhCsv.Score cf) {
        if (score == null || cf == null) {
            return "";
        }
        // a case that escape analysis reduced to nothing allocates 0 bytes: no ratio to that
        return cf.value() < NEGLIGIBLE ? "-" : String.format(Locale.ROOT, "%.2f", score.value() / cf.value());
    }

    /** Three significant digits at most, as the error bars allow no more. */
    private static String format(double v) {
        if (v < NEGLIGIBLE) {
            return "≈ 0";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
