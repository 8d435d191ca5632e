package dev.pglab.parser.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's normalised shape, so executions of one query with different values group together (replay
 * fingerprints) and a client's text meets pg_stat_statements' text of the same statement (trace shapes). One set
 * of rules, applied to the tokens of {@link SqlLexer}:
 * <ul>
 *   <li>constants (strings, dollar-quoted strings, numbers), {@code $n} parameters and JDBC {@code ?} placeholders
 *       become {@code ?}; a unary sign before a number or parameter belongs to it ({@code x + -5} is {@code x + ?});</li>
 *   <li>{@code IN (...)} with a list of such values, of any length, becomes {@code in (...)};</li>
 *   <li>{@code VALUES} rows that repeat the shape of the first row are dropped, so a multi-row insert has the
 *       shape of a one-row insert;</li>
 *   <li>comments go, runs of layout become one space, trailing semicolons go;</li>
 *   <li>keywords and unquoted identifiers are lower-cased (PostgreSQL folds them); quoted identifiers are kept.</li>
 * </ul>
 * Fingerprinting a fingerprint gives it back. Long texts are cut at {@value #MAX_LENGTH} characters.
 */
public final class SqlFingerprint {
    public static final int MAX_LENGTH = 2000;
    static final String LIST = "...";

    /** Words after which a sign is unary: they end a clause head, not an operand. */
    private static final Set<String> OPERAND_STARTERS = Set.of("select", "where", "and", "or", "not", "when", "then",
            "else", "case", "values", "in", "between", "like", "ilike", "limit", "offset", "returning", "having", "on",
            "distinct", "all", "any", "some", "is", "return", "by", "array", "fetch", "first", "next");

    private SqlFingerprint() {
    }

    /** One normalised token; {@code space} says whether layout or a comment preceded it in the source. */
    private record Piece(String text, boolean value, boolean space) {
        Piece spaced(boolean s) {
            return s == space ? this : new Piece(text, value, s);
        }
    }

    public static String of(String sql) {
        List<Piece> pieces = collapseValueRows(collapseInLists(pieces(sql)));
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH));
        for (Piece p : pieces) {
            if (p.space && !out.isEmpty()) {
                out.append(' ');
            }
            out.append(p.text);
            if (out.length() >= MAX_LENGTH) {
                out.setLength(MAX_LENGTH);
                break;
            }
        }
        return out.toString();
    }

    private static List<Piece> pieces(String sql) {
        List<Piece> out = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        boolean space = false;
        boolean pendingSign = false;
        while (lexer.next()) {
            SqlToken kind = lexer.kind();
            String text = sql.substring(lexer.start(), lexer.end());
            switch (kind) {
                case WHITESPACE, COMMENT -> space = true;
                case STRING, NUMBER, PARAMETER, PLACEHOLDER -> {
                    if (pendingSign && kind != SqlToken.STRING) {
                        Piece sign = out.removeLast();
                        space = sign.space;
                    }
                    out.add(new Piece("?", true, space));
                    space = false;
                }
                case IDENTIFIER -> {
                    out.add(new Piece(text.toLowerCase(Locale.ROOT), false, space));
                    space = false;
                }
                default -> {
                    out.add(new Piece(text, false, space));
                    space = false;
                }
            }
            if (kind != SqlToken.WHITESPACE && kind != SqlToken.COMMENT) {
                pendingSign = kind == SqlToken.OPERATOR && (text.equals("-") || text.equals("+"))
                        && startsOperand(out, out.size() - 2);
            }
        }
        while (!out.isEmpty() && out.getLast().text.equals(";")) {
            out.removeLast();
        }
        return out;
    }

    /** Whether what stands at {@code i} (before a sign) makes the sign unary. */
    private static boolean startsOperand(List<Piece> out, int i) {
        if (i < 0) {
            return true;
        }
        Piece p = out.get(i);
        if (p.value) {
            return false;
        }
        String t = p.text;
        char c = t.charAt(0);
        if (SqlLexer.isIdentStart(c)) {
            return OPERAND_STARTERS.contains(t);
        }
        return switch (t) {
            case "(", ",", "[", ";" -> true;
            case ")", "]", "\"", "." -> false;
            default -> c != '"' && !t.equals("::") && "+-*/<>=~!@#%^&|`".indexOf(c) >= 0;
        };
    }

    /** {@code in ( v [, v]* )} where each v is a value with optional {@code ::type} casts becomes {@code in (...)}. */
    private static List<Piece> collapseInLists(List<Piece> in) {
        List<Piece> out = new ArrayList<>(in.size());
        int i = 0;
        while (i < in.size()) {
            Piece p = in.get(i);
            out.add(p);
            i++;
            if (p.text.equals("in") && i < in.size() && in.get(i).text.equals("(")) {
                int end = valueListEnd(in, i + 1);
                if (end > 0) {
                    out.add(in.get(i));
                    out.add(new Piece(LIST, false, false));
                    out.add(in.get(end).spaced(false));
                    i = end + 1;
                }
            }
        }
        return out;
    }

    /** The index of the closing parenthesis of a list of values starting at {@code i}, or -1. */
    private static int valueListEnd(List<Piece> in, int i) {
        boolean expectValue = true;
        while (i < in.size()) {
            Piece p = in.get(i);
            if (expectValue) {
                if (!p.value) {
                    return -1;
                }
                expectValue = false;
                i++;
                while (i + 1 < in.size() && in.get(i).text.equals("::") && !in.get(i + 1).value
                        && SqlLexer.isIdentStart(in.get(i + 1).text.charAt(0))) {
                    i += 2;
                }
            } else if (p.text.equals(",")) {
                expectValue = true;
                i++;
            } else {
                return p.text.equals(")") ? i : -1;
            }
        }
        return -1;
    }

    /** After {@code values}: rows {@code , ( ... )} that read like the first row are dropped. */
    private static List<Piece> collapseValueRows(List<Piece> in) {
        List<Piece> out = new ArrayList<>(in.size());
        int i = 0;
        while (i < in.size()) {
            Piece p = in.get(i);
            out.add(p);
            i++;
            if (p.text.equals("values") && i < in.size() && in.get(i).text.equals("(")) {
                int firstEnd = closingParen(in, i);
                if (firstEnd < 0) {
                    continue;
                }
                List<Piece> first = in.subList(i, firstEnd + 1);
                out.addAll(first);
                i = firstEnd + 1;
                while (i + 1 < in.size() && in.get(i).text.equals(",") && in.get(i + 1).text.equals("(")) {
                    int end = closingParen(in, i + 1);
                    if (end < 0 || !sameRow(first, in.subList(i + 1, end + 1))) {
                        break;
                    }
                    i = end + 1;
                }
            }
        }
        return out;
    }

    private static boolean sameRow(List<Piece> a, List<Piece> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int k = 0; k < a.size(); k++) {
            if (!a.get(k).text.equals(b.get(k).text)) {
                return false;
            }
        }
        return true;
    }

    private static int closingParen(List<Piece> in, int open) {
        int depth = 0;
        for (int j = open; j < in.size(); j++) {
            String t = in.get(j).text;
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")") && --depth == 0) {
                return j;
            }
        }
        return -1;
    }
}
