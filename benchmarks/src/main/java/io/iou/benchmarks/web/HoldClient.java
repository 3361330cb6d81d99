package io.iou.benchmarks.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of {@code hold-load.sh}: holds {@code n} long-polling requests open on one endpoint of a
 * load app at once (one connection each), then has the app release them, and prints what the server
 * spent per held request: heap (used heap after full collections while they are held, minus before)
 * and CPU time (its process's, to accept, hold and answer them, the collections the measurement
 * forces left out).
 *
 * <pre>java -cp ... io.iou.benchmarks.web.HoldClient http://127.0.0.1:18081 /hold/iou 10000</pre>
 */
public final class HoldClient {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\\d+)");

    private static final Duration WAIT = Duration.ofMinutes(2);

    private HoldClient() {
    }

    /**
     * Runs one measurement and prints {@code path heap-bytes-per-request cpu-us-per-request}.
     *
     * @param args the app's base URL, the endpoint to hold, the number of requests
     * @throws Exception if the app does not answer as expected
     */
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String path = args[1];
        int n = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        long heapBefore = stats(client, base, true)[1];
        long cpuBefore = stats(client, base, false)[2];

        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>(n);
        HttpRequest hold = HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).build();
        for (int i = 0; i < n; i++) {
            responses.add(client.sendAsync(hold, HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        long[] held;
        while ((held = stats(client, base, false))[0] < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + held[0] + " of " + n + " requests held after " + WAIT);
            }
            failFast(responses);
            Thread.sleep(200);
        }
        long cpuHeld = held[2];
        long heapHeld = stats(client, base, true)[1];
        long cpuBeforeRelease = stats(client, base, false)[2];
        HttpRequest release = HttpRequest.newBuilder(URI.create(base + "/hold/release"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        String released = client.send(release, HttpResponse.BodyHandlers.ofString()).body();
        CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0])).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.join();
            if (r.statusCode() != 200 || !r.body().contains("hello")) {
                throw new IllegalStateException("answer " + r.statusCode() + " " + r.body());
            }
        }
        long cpuAfter = stats(client, base, false)[2];
        double heapPerRequest = (heapHeld - heapBefore) / (double) n;
        double cpuPerRequest = ((cpuHeld - cpuBefore) + (cpuAfter - cpuBeforeRelease)) / 1000.0 / n;
        System.out.printf(Locale.ROOT, "%s %.0f %.1f   (released %s)%n", path, heapPerRequest, cpuPerRequest,
                released.trim());
    }

    /** The app's held requests, heap used (after full collections if {@code gc}) and CPU time. */
    private static long[] stats(HttpClient client, String base, boolean gc) throws IOException, InterruptedException {
        String body = client.send(HttpRequest.newBuilder(URI.create(base + "/hold/stats?gc=" + gc)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long[] stats = new long[3];
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            int i = switch (m.group(1)) {
                case "held" -> 0;
                case "heapUsed" -> 1;
                case "cpuNanos" -> 2;
                default -> -1;
            };
            if (i >= 0) {
                stats[i] = Long.parseLong(m.group(2));
            }
        }
        return stats;
    }

    private static void failFast(List<CompletableFuture<HttpResponse<String>>> responses) {
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            if (response.isDone()) {
                HttpResponse<String> r = response.join();
                throw new IllegalStateException("a held request was answered early: " + r.statusCode() + " " + r.body());
            }
        }
    }
}
