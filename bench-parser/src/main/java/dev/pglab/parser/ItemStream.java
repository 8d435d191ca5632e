package dev.pglab.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Items pulled one at a time; the parser reads one buffer further whenever the items at hand run out, so memory
 * stays bounded. Close it to close the file.
 */
public final class ItemStream implements Iterator<ReplayItem>, AutoCloseable {
    private final InputStream in;
    private final ArrayDeque<ReplayItem> ready = new ArrayDeque<>();
    private LogParser.Run run;
    private ParseSummary summary;
    private final long started = System.nanoTime();

    ItemStream(InputStream in) {
        this.in = in;
    }

    void attach(LogParser.Run r) {
        this.run = r;
    }

    void offer(ReplayItem item) {
        ready.addLast(item);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && summary == null) {
            if (!run.step()) {
                summary = run.summary(started, 1);
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public ReplayItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.pollFirst();
    }

    /** The counts, once the stream is exhausted. */
    public ParseSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("the summary is known once every item has been read");
        }
        return summary;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
