package dev.pglab.replay;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints one status line every interval while a replay runs: elapsed time, statements and executes done, the
 * rate over the last interval, lateness p99 so far, errors, open sessions, items waiting in session queues; with a
 * {@link CaptureSpan}, the percent of the capture replayed and (at a speed other than max) the time left.
 */
public final class ProgressLine implements AutoCloseable {
    private final Replay replay;
    private final java.util.function.Consumer<String> out;
    private final ScheduledExecutorService timer;
    private long lastDone;
    private long lastNanos;
    private volatile CaptureSpan span;

    public ProgressLine(Replay replay, java.util.function.Consumer<String> out, long intervalMillis) {
        this.replay = replay;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pglab-replay-progress");
            t.setDaemon(true);
            return t;
        });
        lastNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::print, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Lets the line show percent replayed and time left; set before the replay starts. */
    public ProgressLine withCaptureSpan(CaptureSpan captureSpan) {
        this.span = captureSpan;
        return this;
    }

    /** The line for the current state (also used by tests). */
    public String line() {
        ReplayMetrics m = replay.metrics();
        long now = System.nanoTime();
        long done = m.executed();
        double rate = (done - lastDone) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastDone = done;
        lastNanos = now;
        long start = replay.startNanos();
        double elapsed = start == 0 ? 0 : Math.max(0, now - start) / 1e9;
        return String.format(Locale.ROOT,
                "replay %7.1f s | %,d done (%,d stmt, %,d exec) %,.0f/s | lateness p99 %.1f ms | errors %,d | refused %,d | sessions %,d open | %,d queued",
                elapsed, done, m.statements(), m.executes(), rate, m.latenessMillis(99), m.errors(),
                m.connectionsRefused(), m.sessionsOpen(), m.pending()) + progress(m);
    }

    /** " | 42 % of capture, 1m05s left": the capture time replayed so far against the capture's span. */
    private String progress(ReplayMetrics m) {
        long start = replay.startNanos();
        double elapsed = start == 0 ? 0 : Math.max(0, System.nanoTime() - start) / 1e9;
        return progress(span, m.lastDispatchedMicros.get(), elapsed, replay.config.speed());
    }

    /**
     * Where the replay is in the capture: at a pace, the replay clock (elapsed x speed) but never past the last
     * item handed to a session (the reader reads a look-ahead early); at max, the last item handed over.
     */
    static String progress(CaptureSpan span, long dispatchedMicros, double elapsedSeconds, Speed speed) {
        if (span == null || dispatchedMicros == 0) {
            return "";
        }
        long at = speed.isMax() ? dispatchedMicros
                : Math.min(dispatchedMicros, span.firstMicros() + (long) (elapsedSeconds * 1e6 * speed.factor()));
        String text = String.format(Locale.ROOT, " | %.0f %% of capture", 100 * span.fraction(at));
        if (!speed.isMax()) {
            text += ", " + eta(Math.max(0, span.lastMicros() - at) / 1e6 / speed.factor()) + " left";
        }
        return text;
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private void print() {
        out.accept(line());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
