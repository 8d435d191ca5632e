package dev.pglab.harness.jmh;

/**
 * A known slowdown for calibrating the A/B timing gate without editing code: with
 * {@code -Dpglab.ab.slowdown=0.20} a sentinel benchmark that calls {@link #tick()} once per operation burns
 * 20 % more CPU time than its operations took, inside the measured region, and allocates nothing (so bytes/op
 * stay the same and only timing can see it). Only {@code pglab gate ab --calibrate --inject ...} sets the
 * property, and only on the head side's forks.
 *
 * <p>Without the property {@link #FACTOR} is a constant 0 and a call costs one field read. With it, the clock is read
 * every {@code stride} operations (doubling while the operations between two reads take under 20 µs, so a 40 ns
 * decode is not dominated by {@code nanoTime}), and the debt {@code factor x (elapsed - burnt)} is spun off at
 * once. One instance per benchmark state (one benchmark thread).
 */
public final class InjectedSlowdown {
    public static final String PROPERTY = "pglab.ab.slowdown";
    private static final double FACTOR = parse(System.getProperty(PROPERTY));
    private static final long MIN_WINDOW_NANOS = 20_000;
    private static final int MAX_STRIDE = 1 << 14;

    private final double factor;
    private int stride = 1;
    private int count;
    private long last = -1;
    private long burntSinceLast;
    private long totalWork;
    private long totalBurnt;

    public InjectedSlowdown() {
        this(FACTOR);
    }

    /**
     * A fixed slowdown whatever the property says: for a throw-away commit that shows the gate failing (e.g.
     * {@code new InjectedSlowdown(0.5)} in a sentinel: 50 % more CPU time, same bytes/op), never for real code.
     */
    public InjectedSlowdown(double factor) {
        this.factor = parse(String.valueOf(factor));
    }

    /** The slowdown in force for this JVM (0 when none is injected). */
    public static double factor() {
        return FACTOR;
    }

    /** Call once per operation, inside the measured region. */
    public void tick() {
        if (FACTOR == 0 && factor == 0) {
            return;
        }
        if (++count < stride) {
            return;
        }
        count = 0;
        long now = System.nanoTime();
        if (last < 0) {
            last = now;
            return;
        }
        long work = now - last - burntSinceLast;
        if (work < MIN_WINDOW_NANOS && stride < MAX_STRIDE) {
            stride <<= 1;
        }
        long debt = (long) (factor * Math.max(0, work));
        long end = now + debt;
        long t = now;
        while (t < end) {
            Thread.onSpinWait();
            t = System.nanoTime();
        }
        burntSinceLast = t - now;
        last = now;
        totalWork += Math.max(0, work);
        totalBurnt += burntSinceLast;
    }

    /** Operation time seen so far (between clock reads), for tests. */
    long workNanos() {
        return totalWork;
    }

    /** Time spun so far, for tests. */
    long burntNanos() {
        return totalBurnt;
    }

    static double parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        double f;
        try {
            f = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a fraction such as 0.2");
        }
        if (!(f >= 0 && f <= 10)) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected a fraction between 0 and 10");
        }
        return f;
    }
}
