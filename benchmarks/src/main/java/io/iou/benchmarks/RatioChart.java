package io.iou.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws where IOU stands against its peers as an SVG bar chart, from the CSV files JMH wrote
 * ({@code -rf csv}): one bar per comparison found in them, the time IOU takes over the time its peer
 * takes in the same run (below 1, IOU is faster), with the 99.9% error bars of both combined and the
 * target of issue 13 as a tick. Throughput results are turned into times (peer ops / IOU ops), so
 * that every bar reads the same way.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.iou.benchmarks.RatioChart benchmarks/ratios.svg core.csv http.csv diag.csv</pre>
 */
public final class RatioChart {

    private static final int WIDTH = 940;

    private static final int LABEL = 430;

    private static final int ROW = 24;

    private static final int TOP = 56;

    private RatioChart() {
    }

    /** One bar: what is compared, the names of IOU's result and of its peer's, and the target (0 for none). */
    private record Bar(String label, String iou, String peer, double target) {
    }

    /** A bar with its ratio. */
    private record Drawn(Bar bar, JmhCsv.Score ratio) {
    }

    /** Every comparison the chart knows; those missing from the files are left out. */
    private static List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        CoreTable.CASES.forEach((prefix, label) -> {
            // left out: escape analysis reduces both to nothing, and the ratio of two noises means nothing
            if (!prefix.equals("afterFulfilValueOnly")) {
                bars.add(new Bar("core " + label + " (vs CompletableFuture)", prefix + "_iou", prefix + "_future",
                        prefix.equals("oneHandler") ? 0.80 : 0));
            }
        });
        bars.add(new Bar("floor under case 1: 5 CAS + 2 objects (vs CompletableFuture)", "oneHandler_floor",
                "oneHandler_future", 0));
        for (String concurrency : List.of("1", "64")) {
            bars.add(new Bar("HTTP reactor, " + concurrency + " in flight (vs raw WebClient)",
                    "sideBySide:sideBySideIouSubmitTask@concurrency=" + concurrency,
                    "sideBySide:sideBySideRawWebClient@concurrency=" + concurrency, 1 / 0.95));
            bars.add(new Bar("HTTP reactor, " + concurrency + " in flight (vs WebClient + same hop)",
                    "sideBySide:sideBySideIouSubmitTask@concurrency=" + concurrency,
                    "sideBySide:sideBySideRawWebClientOnPool@concurrency=" + concurrency, 0));
        }
        bars.add(new Bar("pending-IOU tracking on (vs off)", "createFulfilOneHandler@diagnostics=tracking",
                "createFulfilOneHandler@diagnostics=off", 1.5));
        bars.add(new Bar("IouMetrics on (vs no hook)", "createFulfillOneHandler@metrics=on",
                "createFulfillOneHandler@metrics=off", 1.05));
        return bars;
    }

    /**
     * Writes the chart.
     *
     * @param args the SVG file to write, then the CSV files to read
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: RatioChart out.svg results.csv...");
            System.exit(2);
        }
        List<Path> csv = Arrays.stream(args).skip(1).map(Path::of).toList();
        Map<String, JmhCsv.Score> scores = JmhCsv.read(csv);
        List<Drawn> drawn = new ArrayList<>();
        for (Bar bar : bars()) {
            JmhCsv.Score iou = scores.get(bar.iou());
            JmhCsv.Score peer = scores.get(bar.peer());
            if (iou != null && peer != null) {
                boolean throughput = iou.unit().startsWith("ops/");
                drawn.add(new Drawn(bar, throughput ? peer.over(iou) : iou.over(peer)));
            }
        }
        if (drawn.isEmpty()) {
            System.err.println("none of the known comparisons is in " + csv);
            System.exit(1);
        }
        Files.writeString(Path.of(args[0]), svg(drawn, csv));
        drawn.forEach(d -> System.out.printf(Locale.ROOT, "%-70s %.3f ± %.3f%n", d.bar().label(), d.ratio().value(),
                d.ratio().error()));
    }

    private static String svg(List<Drawn> drawn, List<Path> sources) {
        double max = 2;
        for (Drawn d : drawn) {
            max = Math.max(max, Math.ceil((d.ratio().value() + err(d)) * 2) / 2);
        }
        int plot = WIDTH - LABEL - 40;
        double scale = plot / max;
        int height = TOP + drawn.size() * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(String.format("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">IOU time / peer time, "
                + "same JMH run (below 1: IOU faster)</text>%n"));
        svg.append(String.format("<text x=\"10\" y=\"38\" fill=\"#555\">from %s; whiskers: 99.9%% error of both; "
                + "| target of issue 13</text>%n", escape(sources.stream().map(p -> p.getFileName().toString()).toList()
                        .toString())));
        for (double tick = 0; tick <= max + 1e-9; tick += 0.5) {
            double x = LABEL + tick * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x,
                    TOP - 6, x, TOP + drawn.size() * ROW, tick == 1 ? "#000" : "#ddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n", x,
                    TOP + drawn.size() * ROW + 16, tick));
        }
        int y = TOP;
        for (Drawn d : drawn) {
            double r = d.ratio().value();
            String colour = d.bar().target() > 0 ? (r <= d.bar().target() ? "#3a7d44" : "#c0504d")
                    : (r <= 1 ? "#3a7d44" : "#e39b3b");
            svg.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LABEL - 8, y + 15,
                    escape(d.bar().label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    LABEL, y + 4, r * scale, ROW - 8, colour));
            double e = err(d);
            if (e > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>%n",
                        LABEL + Math.max(0, r - e) * scale, y + ROW / 2, LABEL + (r + e) * scale, y + ROW / 2));
            }
            if (d.bar().target() > 0) {
                double tx = LABEL + d.bar().target() * scale;
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>%n", tx,
                        y + 1, tx, y + ROW - 1));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f</text>%n",
                    LABEL + (r + e) * scale + 6, y + 15, r));
            y += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double err(Drawn d) {
        double e = d.ratio().error();
        return Double.isNaN(e) ? 0 : e;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
