package dev.pglab.replay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A Prometheus scrape endpoint ({@code GET /metrics}, text exposition format 0.0.4) for a running replay, on the
 * JDK's own HTTP server: watching the pipeline's stages is how the seed found its deadlocks.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer http;

    private MetricsEndpoint(HttpServer http) {
        this.http = http;
    }

    /** Serves on {@code port} (0 = any free port) of the loopback interface only: replay metrics are for this machine unless asked otherwise. */
    public static MetricsEndpoint start(Replay replay, int port) throws IOException {
        return start(replay, java.net.InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    /** Serves on {@code address} (e.g. 0.0.0.0 to let a Prometheus on another host scrape). */
    public static MetricsEndpoint start(Replay replay, String address, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 0);
        http.createContext("/metrics", exchange -> {
            byte[] body = render(replay.metrics()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(null);
        http.start();
        return new MetricsEndpoint(http);
    }

    public InetSocketAddress address() {
        return http.getAddress();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    static String render(ReplayMetrics m) {
        StringBuilder b = new StringBuilder(2048);
        counter(b, "pglab_replay_items_read_total", "Items read from the capture", m.itemsRead.sum());
        b.append("# HELP pglab_replay_executed_total Statements and executes run\n# TYPE pglab_replay_executed_total counter\n");
        b.append("pglab_replay_executed_total{kind=\"statement\"} ").append(m.statements.sum()).append('\n');
        b.append("pglab_replay_executed_total{kind=\"execute\"} ").append(m.executes.sum()).append('\n');
        b.append("# HELP pglab_replay_errors_total Failed statements by SQLSTATE\n# TYPE pglab_replay_errors_total counter\n");
        for (Map.Entry<String, java.util.concurrent.atomic.LongAdder> e : m.errorsBySqlState.entrySet()) {
            b.append("pglab_replay_errors_total{sqlstate=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum()).append('\n');
        }
        counter(b, "pglab_replay_connections_total", "Connections opened", m.connects.sum());
        counter(b, "pglab_replay_connections_refused_total", "Connects that failed", m.refused.sum());
        counter(b, "pglab_replay_items_skipped_total", "Items not run (session refused or lost, replay ended)", m.skipped.sum());
        gauge(b, "pglab_replay_sessions_open", "Session threads running", m.sessionsOpen.get());
        gauge(b, "pglab_replay_items_queued", "Items handed to sessions and not yet run", m.pending());
        gauge(b, "pglab_replay_capture_timestamp_seconds", "Capture time of the last item handed out",
                m.lastDispatchedMicros.get() / 1e6);
        summary(b, "pglab_replay_lateness_seconds", "Start minus due time", m.latenessSnapshot());
        summary(b, "pglab_replay_response_seconds", "End minus due time", m.responseSnapshot());
        summary(b, "pglab_replay_service_seconds", "End minus start time", m.serviceSnapshot());
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, double v) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(String.format(Locale.ROOT, "%.6f", v)).append('\n');
    }

    private static void summary(StringBuilder b, String name, String help, org.HdrHistogram.Histogram h) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" summary\n");
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            b.append(name).append("{quantile=\"").append(q).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", h.getValueAtPercentile(q * 100) / 1e9)).append('\n');
        }
        b.append(name).append("_count ").append(h.getTotalCount()).append('\n');
        b.append(name).append("_sum ").append(String.format(Locale.ROOT, "%.6f", h.getMean() * h.getTotalCount() / 1e9)).append('\n');
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
