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
            case ReplayItem.Connect c -> connects++;
            case ReplayItem.Disconnect d -> disconnects++;
            case ReplayItem.Statement s -> {
                statements++;
                failed += s.failed() ? 1 : 0;
                withDuration += s.durationMillis().isPresent() ? 1 : 0;
            }
            case ReplayItem.Execute x -> {
                executes++;
                if (x.named()) {
                    executesNamed++;
                } else {
                    executesUnnamed++;
                }
                if (!x.parameters().isEmpty()) {
                    executesWithParameters++;
                    parameters += x.parameters().size();
                    for (String p : x.parameters()) {
                        nullParameters += p == null ? 1 : 0;
                    }
                }
                failed += x.failed() ? 1 : 0;
                withDuration += x.durationMillis().isPresent() ? 1 : 0;
            }
        }
        LogTimestamp ts = item.timestamp();
        if (first == null || ts.compareTo(first) < 0) {
            first = ts;
        }
        if (last == null || ts.compareTo(last) > 0) {
            last = ts;
        }
    }
}
