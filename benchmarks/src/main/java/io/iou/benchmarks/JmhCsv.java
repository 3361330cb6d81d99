package io.iou.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results in a CSV file that JMH wrote ({@code -rf csv}), by short name: the method name, with
 * the suffix of a profiler's row ({@code oneHandler_iou:gc.alloc.rate.norm}) or of a group's member
 * ({@code sideBySide:sideBySideIouSubmitTask}), and {@code @name=value} for each parameter
 * ({@code iouSubmitTask@concurrency=1}).
 */
final class JmhCsv {

    /** A score with its 99.9% error (NaN when JMH gave none) and its unit. */
    record Score(double value, double error, String unit) {

        /** The score divided by {@code other}'s, with their relative errors added in quadrature. */
        Score over(Score other) {
            double ratio = value / other.value;
            double a = Double.isNaN(error) ? 0 : error / value;
            double b = Double.isNaN(other.error) ? 0 : other.error / other.value;
            return new Score(ratio, ratio * Math.sqrt(a * a + b * b), "");
        }
    }

    private JmhCsv() {
    }

    /**
     * Reads one or more files; a later file's result replaces an earlier one of the same name.
     *
     * @param files CSV files written by JMH
     * @return the scores by short name, in file order
     * @throws IOException if a file cannot be read
     */
    static Map<String, Score> read(List<Path> files) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            List<String> header = cells(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                List<String> cells = cells(line);
                StringBuilder name = new StringBuilder(shortName(cells.get(0)));
                for (int i = 7; i < cells.size() && i < header.size(); i++) {
                    name.append('@').append(header.get(i).replace("Param: ", "")).append('=').append(cells.get(i));
                }
                scores.put(name.toString(), new Score(Double.parseDouble(cells.get(4)), parse(cells.get(5)),
                        cells.get(6)));
            }
        }
        return scores;
    }

    /** The method name, after the last dot that comes before any ':' suffix. */
    private static String shortName(String benchmark) {
        int colon = benchmark.indexOf(':');
        return benchmark.substring(benchmark.lastIndexOf('.', colon < 0 ? benchmark.length() : colon) + 1);
    }

    private static double parse(String cell) {
        return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
    }

    /** The cells of a CSV line, quotes removed (JMH quotes text and never puts a quote inside one). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
