package dev.pglab.parser.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical rules for SQL text, as a cursor that allocates nothing: {@link #next()} moves to the next
 * token, {@link #kind()}, {@link #start()} and {@link #end()} describe it. Tokens cover the text exactly, in order,
 * so a caller can copy what it does not rewrite. Constructs that hide SQL syntax (string constants with {@code ''}
 * or E'' backslash escapes, quoted identifiers, {@code --} and nested block comments, dollar quotes) are single
 * tokens; an unterminated one runs to the end of the text. {@code standard_conforming_strings} is assumed on (the
 * default since PostgreSQL 9.1).
 *
 * <p>The one home of these rules: replay fingerprints, JDBC placeholder rewriting and trace shapes all read SQL
 * through it.
 */
public final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`";
    /** An operator holding one of these may end in + or - (PostgreSQL's scan.l rule). */
    private static final String OPERATOR_KEEPS_SIGN = "~!@#%^&|`";

    private final CharSequence text;
    private final int length;
    private int start;
    private int end;
    private SqlToken kind;

    public SqlLexer(CharSequence text) {
        this.text = text;
        this.length = text.length();
    }

    /** A token's place and class, for callers that want a list rather than the cursor. */
    public record Token(SqlToken kind, int start, int end) {
        public String text(CharSequence sql) {
            return sql.subSequence(start, end).toString();
        }
    }

    /** Every token of {@code sql}, in order. */
    public static List<Token> tokens(CharSequence sql) {
        List<Token> out = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql);
        while (lexer.next()) {
            out.add(new Token(lexer.kind(), lexer.start(), lexer.end()));
        }
        return out;
    }

    public SqlToken kind() {
        return kind;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Whether the current token is the single character {@code c}. */
    public boolean is(char c) {
        return end == start + 1 && text.charAt(start) == c;
    }

    /** Moves to the next token; false at the end of the text. */
    public boolean next() {
        start = end;
        if (start >= length) {
            kind = null;
            return false;
        }
        char c = text.charAt(start);
        int i = start;
        if (Character.isWhitespace(c)) {
            int j = i + 1;
            while (j < length && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            return token(SqlToken.WHITESPACE, j);
        }
        if (c == '-' && at(i + 1) == '-') {
            int j = i + 2;
            while (j < length && text.charAt(j) != '\n' && text.charAt(j) != '\r') { // PostgreSQL's newline is either
                j++;
            }
            return token(SqlToken.COMMENT, Math.min(j + 1, length));
        }
        if (c == '/' && at(i + 1) == '*') {
            return token(SqlToken.COMMENT, blockCommentEnd(i));
        }
        if (c == '\'') {
            return token(SqlToken.STRING, quotedEnd(i, '\'', false));
        }
        if (c == '"') {
            return token(SqlToken.QUOTED_IDENTIFIER, quotedEnd(i, '"', false));
        }
        if (c == '?') {
            return token(SqlToken.PLACEHOLDER, i + 1);
        }
        if (c == '$') {
            int j = i + 1;
            while (j < length && isDigit(text.charAt(j))) {
                j++;
            }
            if (j > i + 1) {
                return token(SqlToken.PARAMETER, j);
            }
            int tag = dollarTagLength(i);
            if (tag > 0) {
                return token(SqlToken.STRING, dollarQuotedEnd(i, tag));
            }
            return token(SqlToken.PUNCTUATION, i + 1);
        }
        if (isDigit(c) || c == '.' && isDigit(at(i + 1))) {
            return token(SqlToken.NUMBER, numberEnd(i));
        }
        if (isIdentStart(c)) {
            int prefixed = prefixedStringEnd(i);
            if (prefixed > 0) {
                return token(SqlToken.STRING, prefixed);
            }
            int j = i + 1;
            while (j < length && isIdentChar(text.charAt(j))) {
                j++;
            }
            return token(SqlToken.IDENTIFIER, j);
        }
        if (c == ':' && at(i + 1) == ':') {
            return token(SqlToken.PUNCTUATION, i + 2);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return token(SqlToken.OPERATOR, operatorEnd(i));
        }
        return token(SqlToken.PUNCTUATION, i + 1);
    }

    private boolean token(SqlToken k, int e) {
        kind = k;
        end = e;
        return true;
    }

    private char at(int i) {
        return i < length ? text.charAt(i) : '\0';
    }

    public static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    public static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Past a {@code '..'} or {@code ".."} whose opening quote is at {@code i}; doubled quotes stay inside. */
    private int quotedEnd(int i, char quote, boolean backslash) {
        int j = i + 1;
        while (j < length) {
            char c = text.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (at(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return length;
    }

    /** E'..', B'..', X'..', N'..' and U&'..': the prefix and the constant are one token (the longest match). */
    private int prefixedStringEnd(int i) {
        char c = Character.toUpperCase(text.charAt(i));
        if ((c == 'E' || c == 'B' || c == 'X' || c == 'N') && at(i + 1) == '\'') {
            return quotedEnd(i + 1, '\'', c == 'E');
        }
        if (c == 'U' && at(i + 1) == '&' && at(i + 2) == '\'') {
            return quotedEnd(i + 2, '\'', false);
        }
        return -1;
    }

    /** PostgreSQL's block comments nest. */
    private int blockCommentEnd(int i) {
        int depth = 0;
        int j = i;
        while (j < length) {
            if (text.charAt(j) == '/' && at(j + 1) == '*') {
                depth++;
                j += 2;
            } else if (text.charAt(j) == '*' && at(j + 1) == '/') {
                j += 2;
                if (--depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return length;
    }

    /** The length of a {@code $$} or {@code $tag$} delimiter at {@code i}, else -1. */
    private int dollarTagLength(int i) {
        int j = i + 1;
        if (at(j) == '$') {
            return 2;
        }
        if (j >= length || !isIdentStart(text.charAt(j))) {
            return -1;
        }
        while (j < length && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
            j++;
        }
        return at(j) == '$' ? j + 1 - i : -1;
    }

    private int dollarQuotedEnd(int i, int tagLength) {
        String tag = text.subSequence(i, i + tagLength).toString();
        int close = text.toString().indexOf(tag, i + tagLength);
        return close < 0 ? length : close + tagLength;
    }

    /** Digits, a fraction, an exponent with its sign, radix prefixes and underscores; trailing letters are PG's "junk". */
    private int numberEnd(int i) {
        int j = i;
        while (j < length) {
            char c = text.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' && at(j + 1) != '.') {
                j++;
            } else if ((c == '+' || c == '-') && (text.charAt(j - 1) == 'e' || text.charAt(j - 1) == 'E')
                    && isDigit(at(j + 1)) && !isRadix(i)) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private boolean isRadix(int i) {
        char p = Character.toLowerCase(at(i + 1));
        return text.charAt(i) == '0' && (p == 'x' || p == 'o' || p == 'b');
    }

    /** A run of operator characters that stops before a comment and drops trailing signs as PostgreSQL does. */
    private int operatorEnd(int i) {
        int j = i;
        while (j < length && OPERATOR_CHARS.indexOf(text.charAt(j)) >= 0) {
            if (j > i && (text.charAt(j) == '-' && at(j + 1) == '-' || text.charAt(j) == '/' && at(j + 1) == '*')) {
                break;
            }
            j++;
        }
        boolean keepsSign = false;
        for (int k = i; k < j && !keepsSign; k++) {
            keepsSign = OPERATOR_KEEPS_SIGN.indexOf(text.charAt(k)) >= 0;
        }
        while (!keepsSign && j - i > 1 && (text.charAt(j - 1) == '+' || text.charAt(j - 1) == '-')) {
            j--;
        }
        return j;
    }
}
