package dev.pglab.parser;

import java.util.List;

/** Writes log entries the way PostgreSQL formats them, for property tests. */
final class PgLogWriter {
    static final String TS = "2026-11-25 16:04:36.232 UTC";
    static final String SESSION = "6b070714.48da";

    private PgLogWriter() {
    }

    /** stderr: every newline in the message is followed by a TAB. */
    static String stderrLine(String level, String message) {
        return TS + "|alice|shop|" + SESSION + "|" + level + ":  " + message.replace("\n", "\n\t") + "\n";
    }

    static String csvLine(String level, String message, String detail) {
        return TS + ",\"alice\",\"shop\",18650,\"127.0.0.1:57982\"," + SESSION + ",4,\"idle\",2026-11-25 16:04:36 UTC,17/2,0,"
                + level + ",00000," + csvQuote(message) + "," + (detail == null ? "" : csvQuote(detail))
                + ",,,,,,,,,\"psql\",\"client backend\",,0\n";
    }

    static String jsonLine(String level, String message, String detail) {
        return "{\"timestamp\":\"" + TS + "\",\"user\":\"alice\",\"dbname\":\"shop\",\"pid\":18650,\"session_id\":\""
                + SESSION + "\",\"error_severity\":\"" + level + "\",\"message\":" + jsonQuote(message)
                + (detail == null ? "" : ",\"detail\":" + jsonQuote(detail)) + ",\"query_id\":0}\n";
    }

    /** {@code parameters: $1 = '...', $2 = NULL} with quotes doubled, as PostgreSQL logs bind values. */
    static String parameters(List<String> values) {
        StringBuilder sb = new StringBuilder("Parameters: ");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String v = values.get(i);
            sb.append('$').append(i + 1).append(" = ").append(v == null ? "NULL" : "'" + v.replace("'", "''") + "'");
        }
        return sb.toString();
    }

    static String csvQuote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String jsonQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
