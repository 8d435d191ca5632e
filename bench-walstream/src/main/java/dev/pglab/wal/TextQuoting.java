package dev.pglab.wal;

/** How array_out, record_out and range_out quote the text of their elements. */
final class TextQuoting {
    private TextQuoting() {
    }

    /** array_out's quoting: empty, NULL (any case), quotes, backslashes, braces, the delimiter or white space. */
    static void arrayElement(StringBuilder sb, String v, char delimiter) {
        boolean quote = v.isEmpty() || v.equalsIgnoreCase("NULL");
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == delimiter || isSpace(c);
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /**
     * record_out's and range_out's quoting: quotes around an empty value or one holding any of {@code specials}
     * or white space; inside them quotes and backslashes are doubled.
     */
    static void quoted(StringBuilder sb, String v, String specials) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = specials.indexOf(c) >= 0 || isSpace(c);
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append(c);
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** C's isspace in the C locale (PostgreSQL's quoting decisions use it byte by byte). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
