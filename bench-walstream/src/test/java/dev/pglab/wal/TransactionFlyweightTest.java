package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.fixtures.wal.PgOutputEncoder;
import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TransactionFlyweightTest {

    /** The message placed at {@code at} inside a larger buffer, as a reader's view of its socket buffer is. */
    private static ByteBuffer placed(byte[] message, int at) {
        ByteBuffer b = ByteBuffer.allocate(at + message.length + 7);
        b.position(at);
        b.put(message);
        return b.clear();
    }

    @Property
    void theCommitViewReadsWhatTheDecoderReads(@ForAll @IntRange(max = 255) int flags, @ForAll long lsn, @ForAll long end,
                                               @ForAll long time, @ForAll @IntRange(max = 100) int at) {
        ByteBuffer b = placed(new PgOutputEncoder().commit(flags, lsn, end, time), at);
        long[] decoded = new long[4];
        new PgOutputDecoder().decode(b, at, CommitFlyweight.LENGTH, new PgOutputVisitor() {
            @Override
            public void commit(int f, long l, long e, long t) {
                decoded[0] = f;
                decoded[1] = l;
                decoded[2] = e;
                decoded[3] = t;
            }
        });
        CommitFlyweight c = new CommitFlyweight().wrap(b, at);
        assertThat(new long[] {c.flags(), c.commitLsn(), c.endLsn(), c.commitTime()}).containsExactly(decoded);
        assertThat(c.commitTimeUnixMicros() - c.commitTime()).isEqualTo(946_684_800_000_000L);
    }

    @Property
    void theBeginViewReadsWhatTheDecoderReads(@ForAll long finalLsn, @ForAll long time, @ForAll @IntRange(max = Integer.MAX_VALUE) int xid,
                                              @ForAll @IntRange(max = 100) int at) {
        ByteBuffer b = placed(new PgOutputEncoder().begin(finalLsn, time, xid), at);
        long[] decoded = new long[3];
        new PgOutputDecoder().decode(b, at, BeginFlyweight.LENGTH, new PgOutputVisitor() {
            @Override
            public void begin(long l, long t, long x) {
                decoded[0] = l;
                decoded[1] = t;
                decoded[2] = x;
            }
        });
        BeginFlyweight v = new BeginFlyweight().wrap(b, at);
        assertThat(new long[] {v.finalLsn(), v.commitTime(), v.xid()}).containsExactly(decoded);
    }

    @Test
    void aViewRefusesAnotherMessageOrATruncatedOne() {
        ByteBuffer begin = ByteBuffer.wrap(new PgOutputEncoder().begin(1, 2, 3));
        assertThatThrownBy(() -> new CommitFlyweight().wrap(begin, 0)).isInstanceOf(PgOutputException.class)
                .hasMessageContaining("expected a Commit message of 26 bytes");
        ByteBuffer cut = ByteBuffer.wrap(new PgOutputEncoder().commit(0, 1, 2, 3), 0, 20).slice();
        assertThatThrownBy(() -> new CommitFlyweight().wrap(cut, 0)).isInstanceOf(PgOutputException.class);
    }
}
