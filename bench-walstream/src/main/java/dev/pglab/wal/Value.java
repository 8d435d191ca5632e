package dev.pglab.wal;

import java.nio.charset.StandardCharsets;

/** One column of a {@link Tuple}: the four tuple data kinds of the protocol. */
public sealed interface Value {

    /** 'n': SQL NULL. */
    record Null() implements Value {
    }

    /** 'u': an unchanged TOASTed value the server did not send. */
    record UnchangedToast() implements Value {
    }

    /** 't': the value in text format. */
    record Text(String text) implements Value {
    }

    /** 'b': the value in binary format (the type's send function), as sent. */
    record Binary(byte[] bytes) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }

    Null NULL = new Null();
    UnchangedToast UNCHANGED_TOAST = new UnchangedToast();

    static Value text(byte[] utf8) {
        return new Text(new String(utf8, StandardCharsets.UTF_8));
    }
}
