package dev.pglab.replay;

import dev.pglab.parser.sql.SqlLexer;
import dev.pglab.parser.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one SQL statement does to cross-session order, read from its leading keywords with the parser's
 * {@link SqlLexer}: it opens or ends a transaction block, only reads, writes rows, or cannot commute with
 * anything (DDL, TRUNCATE, VACUUM, LOCK, ...: a barrier). Unknown statements count as writes, the safe side: a
 * write only ever adds order.
 */
enum StatementEffect {
    BEGIN, COMMIT, ROLLBACK, READ, WRITE, BARRIER;

    private static final Set<String> BARRIERS = Set.of("create", "alter", "drop", "truncate", "vacuum", "analyze",
            "analyse", "lock", "cluster", "reindex", "grant", "revoke", "comment", "refresh", "security", "import",
            "reassign", "load");
    private static final Set<String> READS = Set.of("select", "with", "values", "table", "show", "set", "reset",
            "fetch", "move", "declare", "close", "listen", "unlisten", "explain", "savepoint", "release",
            "deallocate", "discard", "checkpoint", "prepare");
    /** Statements that read unless a later keyword says otherwise. */
    private static final Set<String> READS_UNLESS_WRITING = Set.of("select", "with", "explain");
    /** Keywords that make a SELECT / WITH statement write (data-modifying CTEs). */
    private static final Set<String> WRITES_INSIDE = Set.of("insert", "update", "delete", "merge");

    /** The effects of the statements in {@code sql} (a simple query may hold several, separated by {@code ;}). */
    static List<StatementEffect> of(String sql) {
        List<StatementEffect> out = new ArrayList<>(1);
        SqlLexer lexer = new SqlLexer(sql);
        String first = null;
        String second = null;
        boolean writesInside = false;
        boolean into = false;
        while (lexer.next()) {
            SqlToken kind = lexer.kind();
            if (kind == SqlToken.WHITESPACE || kind == SqlToken.COMMENT) {
                continue;
            }
            if (lexer.is(';')) {
                if (first != null) {
                    out.add(classify(first, second, writesInside, into));
                }
                first = second = null;
                writesInside = into = false;
                continue;
            }
            if (kind != SqlToken.IDENTIFIER) {
                if (first != null && second == null) {
                    second = "";
                }
                continue;
            }
            if (first == null) {
                first = word(sql, lexer);
            } else if (second == null) {
                second = word(sql, lexer);
                writesInside |= WRITES_INSIDE.contains(second);
                into |= second.equals("into");
            } else if (READS_UNLESS_WRITING.contains(first) && lexer.end() - lexer.start() <= 6) {
                // only these statements look further than two words, and only at words as short as the keywords
                String word = word(sql, lexer);
                writesInside |= WRITES_INSIDE.contains(word);
                into |= word.equals("into");
            }
        }
        if (first != null) {
            out.add(classify(first, second, writesInside, into));
        }
        return out;
    }

    private static String word(String sql, SqlLexer lexer) {
        return sql.substring(lexer.start(), lexer.end()).toLowerCase(Locale.ROOT);
    }

    private static StatementEffect classify(String first, String second, boolean writesInside, boolean into) {
        String next = second == null ? "" : second;
        return switch (first) {
            case "begin", "start" -> BEGIN;
            case "commit", "end" -> next.equals("prepared") ? WRITE : COMMIT;
            case "rollback", "abort" -> next.equals("to") || next.equals("prepared") ? READ : ROLLBACK;
            // PREPARE TRANSACTION ends the block without committing it; COMMIT PREPARED later writes
            case "prepare" -> next.equals("transaction") ? ROLLBACK : READ;
            // SELECT ... INTO creates a table
            case "select" -> into ? BARRIER : writesInside ? WRITE : READ;
            case "with" -> writesInside ? WRITE : into ? BARRIER : READ;
            // EXPLAIN ANALYZE runs its statement
            case "explain" -> next.equals("analyze") || next.equals("analyse") ? (writesInside ? WRITE : READ) : READ;
            default -> BARRIERS.contains(first) ? BARRIER : READS.contains(first) ? READ : WRITE;
        };
    }
}
