package dev.pglab.replay;

/**
 * PostgreSQL's lexical classes that may hide SQL syntax: string constants ({@code '..'} with {@code ''},
 * {@code E'..'} with backslash escapes), quoted identifiers, {@code --} and nested block comments, dollar
 * quotes ({@code $tag$..$tag$}) and parameters ({@code $1}). Each method takes the index of the opening
 * character and returns the index just past the construct (the text's end when it is unterminated).
 */
final class SqlScanner {
    private SqlScanner() {
    }

    static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** Past a {@code '..'} constant starting at {@code i}; {@code backslash} for E'' strings. */
    static int skipSingleQuoted(String s, int i, boolean backslash) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (backslash && c == '\\') {
                j += 2;
            } else if (c == '\'') {
                if (j + 1 < n && s.charAt(j + 1) == '\'') {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /** Past a {@code ".."} identifier starting at {@code i}. */
    static int skipDoubleQuoted(String s, int i) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            if (s.charAt(j) == '"') {
                if (j + 1 < n && s.charAt(j + 1) == '"') {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    static boolean startsLineComment(String s, int i) {
        return s.charAt(i) == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-';
    }

    static int skipLineComment(String s, int i) {
        int j = s.indexOf('\n', i);
        return j < 0 ? s.length() : j + 1;
    }

    static boolean startsBlockComment(String s, int i) {
        return s.charAt(i) == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*';
    }

    /** Past a block comment; PostgreSQL's block comments nest. */
    static int skipBlockComment(String s, int i) {
        int n = s.length();
        int depth = 0;
        int j = i;
        while (j < n) {
            if (j + 1 < n && s.charAt(j) == '/' && s.charAt(j + 1) == '*') {
                depth++;
                j += 2;
            } else if (j + 1 < n && s.charAt(j) == '*' && s.charAt(j + 1) == '/') {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /** When a {@code $n} parameter starts at {@code i} (not inside an identifier), the index past its digits, else -1. */
    static int parameterEnd(String s, int i) {
        if (s.charAt(i) != '$' || (i > 0 && isIdentChar(s.charAt(i - 1)))) {
            return -1;
        }
        int j = i + 1;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j > i + 1 ? j : -1;
    }

    /** When a dollar quote opens at {@code i} ({@code $$} or {@code $tag$}), the length of its delimiter, else -1. */
    static int dollarTagLength(String s, int i) {
        if (s.charAt(i) != '$' || (i > 0 && isIdentChar(s.charAt(i - 1)))) {
            return -1;
        }
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '$') {
            return 2;
        }
        if (j >= s.length() || !isIdentStart(s.charAt(j))) {
            return -1;
        }
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 - i : -1;
    }

    /** Past the dollar-quoted string whose delimiter of {@code tagLength} starts at {@code i}. */
    static int skipDollarQuoted(String s, int i, int tagLength) {
        String tag = s.substring(i, i + tagLength);
        int close = s.indexOf(tag, i + tagLength);
        return close < 0 ? s.length() : close + tagLength;
    }

    /** Whether the quote at {@code i} opens an E'' (escape) string constant. */
    static boolean isEscapeString(String s, int i) {
        if (i == 0) {
            return false;
        }
        char p = s.charAt(i - 1);
        return (p == 'E' || p == 'e') && (i < 2 || !isIdentChar(s.charAt(i - 2)));
    }
}
