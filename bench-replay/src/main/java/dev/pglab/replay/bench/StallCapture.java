package dev.pglab.replay.bench;

import dev.pglab.parser.ReplayItem;
import java.util.List;

/** The stall workload captured by a real server (fixtures' LogCapture) and parsed into items (bench-parser). */
public final class StallCapture {
    private StallCapture() {
    }

    public static List<ReplayItem> items(StallWorkload workload) {
        throw new UnsupportedOperationException("the stall capture needs fixtures' LogCapture and bench-parser, not merged yet");
    }
}
