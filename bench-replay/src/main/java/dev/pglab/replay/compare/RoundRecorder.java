package dev.pglab.replay.compare;

import dev.pglab.replay.Execution;
import dev.pglab.replay.ExecutionListener;
import dev.pglab.parser.sql.SqlFingerprint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one replay of a compare did per fingerprint: service times (microseconds, 3 significant digits so a
 * round's p50 moves by well under the floor's resolution) and failures by SQLSTATE.
 */
final class RoundRecorder implements ExecutionListener {
    final Map<String, ConcurrentHistogram> service = new ConcurrentHashMap<>();
    /** "SQLSTATE fingerprint" -> count. */
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    @Override
    public void executed(Execution e) {
        String fp = SqlFingerprint.of(e.sql());
        service.computeIfAbsent(fp, k -> histogram()).recordValue(Math.max(1, e.serviceNanos() / 1000));
        if (e.failed()) {
            errors.computeIfAbsent(e.sqlState() + " " + fp, k -> new LongAdder()).increment();
        }
    }

    static ConcurrentHistogram histogram() {
        ConcurrentHistogram h = new ConcurrentHistogram(3);
        h.setAutoResize(true);
        return h;
    }

    static double p(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
