package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Every SWAR routine in {@link Bytes} against the obvious byte-by-byte loop: random arrays, every range start
 * and end, and the sought byte planted at every position (including the high-bit bytes where borrow tricks fail).
 * UTF-8 validity against the JDK decoder is in {@link ParserPropertiesTest}.
 */
class BytesSwarTest {

    @Property(tries = 200)
    void indexOfFindsWhatALoopFinds(@ForAll @Size(max = 40) byte[] a, @ForAll byte b) {
        for (int plant = -1; plant < a.length; plant++) {
            byte[] x = a.clone();
            if (plant >= 0) {
                x[plant] = b;
            }
            for (int from = 0; from <= x.length; from++) {
                for (int to = from; to <= x.length; to++) {
                    assertThat(Bytes.indexOf(x, from, to, b)).isEqualTo(naive(x, from, to, b, b, b));
                }
            }
        }
    }

    @Property(tries = 200)
    void indexOfEitherAndAnyFindWhatALoopFinds(@ForAll @Size(max = 32) byte[] a, @ForAll byte b1, @ForAll byte b2,
                                               @ForAll byte b3) {
        for (int plant = -1; plant < a.length; plant++) {
            byte[] x = a.clone();
            if (plant >= 0) {
                x[plant] = plant % 3 == 0 ? b1 : plant % 3 == 1 ? b2 : b3;
            }
            for (int from = 0; from <= x.length; from++) {
                for (int to = from; to <= x.length; to++) {
                    assertThat(Bytes.indexOfEither(x, from, to, b1, b2)).isEqualTo(naive(x, from, to, b1, b2, b2));
                    assertThat(Bytes.indexOfAny(x, from, to, b1, b2, b3)).isEqualTo(naive(x, from, to, b1, b2, b3));
                }
            }
        }
    }

    @Property(tries = 200)
    void asciiChecksAgreeWithALoop(@ForAll @Size(max = 40) byte[] a) {
        for (int plant = -1; plant < a.length; plant++) {
            byte[] x = a.clone();
            for (int i = 0; i < x.length; i++) {
                x[i] &= 0x7f;
            }
            if (plant >= 0) {
                x[plant] = (byte) (0x80 | a[plant]);
            }
            for (int from = 0; from <= x.length; from++) {
                for (int to = from; to <= x.length; to++) {
                    int first = -1;
                    for (int i = from; i < to && first < 0; i++) {
                        first = x[i] < 0 ? i : -1;
                    }
                    assertThat(Bytes.firstNonAscii(x, from, to)).isEqualTo(first);
                    assertThat(Bytes.isAscii(x, from, to)).isEqualTo(first < 0);
                }
            }
        }
    }

    @Property(tries = 300)
    void fingerprintDependsOnTheBytesNotOnWhereTheyLie(@ForAll @Size(max = 40) byte[] a, @ForAll byte shift) {
        int off = shift & 15;
        byte[] moved = new byte[a.length + off];
        System.arraycopy(a, 0, moved, off, a.length);
        assertThat(Bytes.fingerprint(moved, off, off + a.length)).isEqualTo(Bytes.fingerprint(a, 0, a.length));
        for (int i = 0; i < a.length; i++) {
            byte[] changed = a.clone();
            changed[i] ^= 1;
            assertThat(Bytes.fingerprint(changed, 0, a.length)).isNotEqualTo(Bytes.fingerprint(a, 0, a.length));
        }
        if (a.length > 0) {
            assertThat(Bytes.fingerprint(a, 0, a.length - 1)).isNotEqualTo(Bytes.fingerprint(a, 0, a.length));
        }
    }

    private static int naive(byte[] a, int from, int to, byte b1, byte b2, byte b3) {
        for (int i = from; i < to; i++) {
            if (a[i] == b1 || a[i] == b2 || a[i] == b3) {
                return i;
            }
        }
        return -1;
    }
}
