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
    LogTimestamp first;
    LogTimestamp last;

    void count(ReplayItem item) {
        switch (item) {
            case ReplayItem.Connect c -> connect(c.timestamp());
            case ReplayItem.Disconnect d -> disconnect(d.timestamp());
            case ReplayItem.Statement s -> statement(s.timestamp(), s.failed(), s.durationMillis().isPresent());
            case ReplayItem.Execute x -> {
                int nulls = 0;
                for (String p : x.parameters()) {
                    nulls += p == null ? 1 : 0;
                }
                execute(x.timestamp(), x.named(), x.parameters().size(), nulls, x.failed(),
                        x.durationMillis().isPresent());
            }
        }
    }

    void connect(LogTimestamp ts) {
        connects++;
        time(ts);
    }

    void disconnect(LogTimestamp ts) {
        disconnects++;
        time(ts);
    }

    void statement(LogTimestamp ts, boolean failedItem, boolean hasDuration) {
        statements++;
        failed += failedItem ? 1 : 0;
        withDuration += hasDuration ? 1 : 0;
        time(ts);
    }

    void execute(LogTimestamp ts, boolean named, int parameterCount, int nulls, boolean failedItem,
                 boolean hasDuration) {
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
        time(ts);
    }

    private void time(LogTimestamp ts) {
        if (first == null || ts.compareTo(first) < 0) {
            first = ts;
        }
        if (last == null || ts.compareTo(last) > 0) {
            last = ts;
        }
    }
}
