package dev.pglab.parser;

/** Counts of finished items, by the definitions of {@code pglab parse --json}. */
final class ItemCounts {
    long connects;
    long disconnects;
    long statements;
    long executes;
    long executesNamed;
    long executesUnnamed;
    long executesWithParameters;
    long parameters;
    long nullParameters;
    long failed;
    long withDuration;
    /** The earliest and latest item times (the first seen of equal ones), as numbers until asked for. */
    private boolean any;
    private long firstMicros;
    private String firstZone;
    private int firstDigits;
    private long lastMicros;
    private String lastZone;
    private int lastDigits;

    void count(ReplayItem item) {
        LogTimestamp t = item.timestamp();
        long m = t.epochMicros();
        String z = t.zone();
        int d = t.fractionDigits();
        switch (item) {
            case ReplayItem.Connect c -> connect(m, z, d);
            case ReplayItem.Disconnect x -> disconnect(m, z, d);
            case ReplayItem.Statement s -> statement(m, z, d, s.failed(), s.durationMillis().isPresent());
            case ReplayItem.Execute x -> {
                int nulls = 0;
                for (String p : x.parameters()) {
                    nulls += p == null ? 1 : 0;
                }
                execute(m, z, d, x.named(), x.parameters().size(), nulls, x.failed(), x.durationMillis().isPresent());
            }
        }
    }

    void connect(long micros, String zone, int digits) {
        connects++;
        time(micros, zone, digits);
    }

    void disconnect(long micros, String zone, int digits) {
        disconnects++;
        time(micros, zone, digits);
    }

    void statement(long micros, String zone, int digits, boolean failedItem, boolean hasDuration) {
        statements++;
        failed += failedItem ? 1 : 0;
        withDuration += hasDuration ? 1 : 0;
        time(micros, zone, digits);
    }

    void execute(long micros, String zone, int digits, boolean named, int parameterCount, int nulls,
                 boolean failedItem, boolean hasDuration) {
        executes++;
        if (named) {
            executesNamed++;
        } else {
            executesUnnamed++;
        }
        if (parameterCount > 0) {
            executesWithParameters++;
            parameters += parameterCount;
            nullParameters += nulls;
        }
        failed += failedItem ? 1 : 0;
        withDuration += hasDuration ? 1 : 0;
        time(micros, zone, digits);
    }

    private void time(long micros, String zone, int digits) {
        if (!any || micros < firstMicros) {
            firstMicros = micros;
            firstZone = zone;
            firstDigits = digits;
        }
        if (!any || micros > lastMicros) {
            lastMicros = micros;
            lastZone = zone;
            lastDigits = digits;
        }
        any = true;
    }

    LogTimestamp first() {
        return any ? new LogTimestamp(firstMicros, firstZone, firstDigits) : null;
    }

    LogTimestamp last() {
        return any ? new LogTimestamp(lastMicros, lastZone, lastDigits) : null;
    }
}
