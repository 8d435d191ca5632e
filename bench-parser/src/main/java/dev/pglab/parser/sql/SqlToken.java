package dev.pglab.parser.sql;

/** The lexical classes of PostgreSQL SQL text that {@link SqlLexer} tells apart. */
public enum SqlToken {
    /** A run of blanks, tabs and line ends. */
    WHITESPACE,
    /** {@code -- ...} to the line end, or a (nested) {@code /* ... *}{@code /} block. */
    COMMENT,
    /** A string constant: {@code '..'}, {@code E'..'}, {@code B'..'}, {@code X'..'}, {@code N'..'}, {@code U&'..'}, {@code $tag$..$tag$}. */
    STRING,
    /** A numeric constant: integer, decimal, exponent, {@code 0x}/{@code 0o}/{@code 0b}, underscores (PostgreSQL 16). */
    NUMBER,
    /** A server-side parameter {@code $1}. */
    PARAMETER,
    /** A JDBC placeholder {@code ?} (PgJDBC writes a literal {@code ?} operator as {@code ??}: two tokens). */
    PLACEHOLDER,
    /** A keyword or unquoted identifier (PostgreSQL folds them to lower case). */
    IDENTIFIER,
    /** A {@code "quoted"} identifier (case kept). */
    QUOTED_IDENTIFIER,
    /** An operator: a run of {@code + - * / < > = ~ ! @ # % ^ & | `}, trimmed as PostgreSQL's lexer trims it. */
    OPERATOR,
    /** {@code ( ) [ ] , ; . :} and {@code ::}, or any other single character. */
    PUNCTUATION
}
