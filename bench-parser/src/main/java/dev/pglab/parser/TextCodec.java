package dev.pglab.parser;

/** How one log format escapes text inside a field, undone into a {@link Span}. */
enum TextCodec {
    /** stderr: every newline inside a message is followed by one TAB that is not part of the text. */
    STDERR {
        @Override
        int unescape(byte[] a, int s, int e, byte[] out) {
            int n = 0;
            int i = s;
            while (i < e) {
                int nl = Bytes.indexOf(a, i, e, (byte) '\n');
                int run = (nl < 0 ? e : nl) - i;
                System.arraycopy(a, i, out, n, run);
                n += run;
                if (nl < 0) {
                    break;
                }
                if (n > 0 && out[n - 1] == '\r') {
                    n--; // CRLF files: the text's newline is the LF alone
                }
                out[n++] = '\n';
                i = nl + 1;
                if (i < e && a[i] == '\t') {
                    i++;
                }
            }
            return n;
        }
    },
    /** csvlog: quotes doubled inside a quoted field. */
    CSV {
        @Override
        int unescape(byte[] a, int s, int e, byte[] out) {
            int n = 0;
            int i = s;
            while (i < e) {
                int q = Bytes.indexOf(a, i, e, (byte) '"');
                int end = q < 0 ? e : q + 1;
                System.arraycopy(a, i, out, n, end - i);
                n += end - i;
                // a doubled quote stands for one
                i = q >= 0 && q + 1 < e && a[q + 1] == '"' ? q + 2 : end;
            }
            return n;
        }
    },
    /** jsonlog: JSON string escapes. */
    JSON {
        @Override
        int unescape(byte[] a, int s, int e, byte[] out) {
            int n = 0;
            for (int i = s; i < e; i++) {
                int bs = Bytes.indexOf(a, i, e, (byte) '\\');
                int run = (bs < 0 ? e : bs) - i;
                System.arraycopy(a, i, out, n, run);
                n += run;
                i += run;
                if (i >= e) {
                    break;
                }
                if (i + 1 >= e) {
                    out[n++] = a[i];
                    continue;
                }
                byte c = a[++i];
                switch (c) {
                    case 'n' -> out[n++] = '\n';
                    case 't' -> out[n++] = '\t';
                    case 'r' -> out[n++] = '\r';
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'u' -> {
                        int cp = i + 4 < e ? hex4(a, i + 1) : -1;
                        if (cp < 0) {
                            out[n++] = '?';
                            break;
                        }
                        i += 4;
                        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < e && a[i + 1] == '\\' && a[i + 2] == 'u') {
                            int lo = hex4(a, i + 3);
                            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                                i += 6;
                            }
                        }
                        n = utf8(cp, out, n);
                    }
                    default -> out[n++] = c; // \" \\ \/
                }
            }
            return n;
        }
    };

    /** Writes the unescaped bytes of [s, e) to out (at least e - s long) and returns their count. */
    abstract int unescape(byte[] a, int s, int e, byte[] out);

    /** Points the span at the field's readable bytes. */
    void read(RawEntry entry, int field, Span span) {
        int s = entry.start[field];
        int e = entry.end[field];
        if (!entry.escaped[field]) {
            span.of(entry.buf, s, e);
            return;
        }
        byte[] out = span.scratch(e - s);
        span.of(out, 0, unescape(entry.buf, s, e, out));
    }

    private static int hex4(byte[] a, int at) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(a[at + k], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static int utf8(int cp, byte[] out, int n) {
        if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | cp >> 6);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xE0 | cp >> 12);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[n++] = (byte) (0xF0 | cp >> 18);
            out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }
}
