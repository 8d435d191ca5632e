package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.LogCapture;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real captures with durations logged: both forms of {@code duration:} lines, never counting a statement twice,
 * and parse/bind lines (whose parameters are not counted).
 */
class DurationCaptureIT {
    static final StandardWorkload WORKLOAD = new StandardWorkload(7, 6, 3);

    /** log_statement = all and log_min_duration_statement = 0: every statement twice in the log, once as an item. */
    static CapturedLogs both() {
        return LogCapture.capture(WORKLOAD.fixtureId() + "-statement-and-duration", WORKLOAD,
                PgServerConfig.embedded(ServerProfile.CAPTURE).withSetting("log_min_duration_statement", "0"),
                LogCapture.cacheRoot());
    }

    /** log_statement = none: statements appear only as {@code duration: X ms  statement: ...}. */
    static CapturedLogs durationOnly() {
        return LogCapture.capture(WORKLOAD.fixtureId() + "-duration-only", WORKLOAD,
                PgServerConfig.embedded(ServerProfile.CAPTURE).withSetting("log_min_duration_statement", "0")
                        .withSetting("log_statement", "none"),
                LogCapture.cacheRoot());
    }

    static ParseSummary parse(CapturedLogs logs, LogFormat f, List<ReplayItem> items) {
        return new LogParser(ParserOptions.defaults()).parse(logs.file(f.name().toLowerCase(java.util.Locale.ROOT)), items::add);
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void statementAndDurationCountOnceAndCarryTheDuration(LogFormat format) {
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = parse(both(), format, items);
        StandardWorkload.Expected e = WORKLOAD.expected();
        assertThat(s.malformed()).isZero();
        assertThat(s.statements()).isEqualTo(e.statements());
        assertThat(s.executes()).isEqualTo(e.executes());
        assertThat(s.executesNamed()).isEqualTo(e.executesNamed());
        assertThat(s.executesWithParameters()).isEqualTo(e.executesWithParameters());
        assertThat(s.parameters()).isEqualTo(e.parameters());
        assertThat(s.failed()).isEqualTo(e.failed());
        // extended protocol: one parse and one bind logged per execute
        assertThat(s.parses()).isEqualTo(s.binds()).isPositive();
        // every statement that did not fail has its captured duration
        assertThat(items).filteredOn(i -> i instanceof ReplayItem.Statement st && !st.failed())
                .allSatisfy(i -> assertThat(((ReplayItem.Statement) i).durationMillis()).isPresent());
        assertThat(items).filteredOn(i -> i instanceof ReplayItem.Execute x && !x.failed())
                .allSatisfy(i -> assertThat(((ReplayItem.Execute) i).durationMillis()).isPresent());
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void durationLinesAloneGiveTheStatementsThatSucceeded(LogFormat format) {
        List<ReplayItem> items = new ArrayList<>();
        ParseSummary s = parse(durationOnly(), format, items);
        StandardWorkload.Expected e = WORKLOAD.expected();
        assertThat(s.malformed()).isZero();
        // failed statements log no duration: the two failed simple statements and the failed execute are missing
        assertThat(s.statements()).isEqualTo(e.statements() - 2);
        assertThat(s.executes()).isEqualTo(e.executes() - 1);
        assertThat(s.executesUnnamed()).isEqualTo(e.executesUnnamed() - 1);
        assertThat(s.executesWithParameters()).isEqualTo(e.executesWithParameters() - 1);
        assertThat(s.parameters()).isEqualTo(e.parameters() - 1);
        assertThat(s.errors()).isEqualTo(e.errors());
        assertThat(s.connects()).isEqualTo(e.connects());
        assertThat(items).filteredOn(i -> i instanceof ReplayItem.Statement || i instanceof ReplayItem.Execute)
                .allSatisfy(i -> assertThat(switch (i) {
                    case ReplayItem.Statement st -> st.durationMillis().isPresent();
                    case ReplayItem.Execute x -> x.durationMillis().isPresent();
                    default -> false;
                }).isTrue());
        assertThat(items).anySatisfy(i -> assertThat(i instanceof ReplayItem.Execute x
                && x.sql().equals(StandardWorkload.INSERT) && x.parameters().equals(WORKLOAD.row(1, 0).parameters())).isTrue());
    }
}
