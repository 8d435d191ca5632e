package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.fixtures.logs.SyntheticLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A synthetic log has its capture's shape: every count scales with the number of copies. */
class SyntheticLogIT {

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void countsScaleWithTheCopies(LogFormat format) throws Exception {
        CapturedLogs capture = StandardWorkload.DEFAULT.capture();
        String name = format.name().toLowerCase(java.util.Locale.ROOT);
        long size = Files.size(capture.file(name));
        Path big = SyntheticLog.of(capture, name, size * 5);
        long copies = SyntheticLog.copies(capture, name, size * 5);
        assertThat(copies).isEqualTo(5);
        assertThat(Files.size(big)).isBetween(size * 5 - 1000, size * 5 + 1000);
        LogParser parser = new LogParser(ParserOptions.defaults());
        ParseSummary one = parser.parse(capture.file(name), i -> { });
        ParseSummary many = parser.parse(big, i -> { });
        assertThat(many.malformed()).isZero();
        assertThat(many.sessions()).isEqualTo(one.sessions() * copies);
        assertThat(many.connects()).isEqualTo(one.connects() * copies);
        assertThat(many.statements()).isEqualTo(one.statements() * copies);
        assertThat(many.executes()).isEqualTo(one.executes() * copies);
        assertThat(many.parameters()).isEqualTo(one.parameters() * copies);
        assertThat(many.failed()).isEqualTo(one.failed() * copies);
        assertThat(many.lastTimestamp().epochMicros() - one.lastTimestamp().epochMicros()).isPositive();
    }
}
