package dev.pglab.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pglab.harness.jmh.JmhShaped;
import dev.pglab.harness.jmh.References;
import dev.pglab.harness.result.MetricKind;
import dev.pglab.harness.result.ResultReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MB/s table is built from the typed keys: medians of fork medians, references from KeyResult.reference(). */
class ReportModelRatesTest {

    @Test
    void ratesComeFromTheTypedKeysWithRatiosAgainstTheDeclaredReference(@TempDir Path dir) throws Exception {
        var reference = JmhShaped.of("dev.pglab.x.ReadBench.readBytes", "thrpt").params(Map.of("size", "1m"))
                .primary("MB/s", new double[][] {{100, 100}, {200, 200}, {300, 300}}).build();
        reference.put(References.FIELD, "reading the same bytes");
        var parserEntry = JmhShaped.of("dev.pglab.x.ParserBench.parse", "thrpt").params(Map.of("size", "1m", "threads", "1"))
                .primary("MB/s", new double[][] {{50}, {100}, {150}})
                .secondary("decoded", "MB/s", MetricKind.OTHER, new double[][] {{10}, {20}, {30}})
                .secondary("gc.alloc.rate", "MB/s", MetricKind.OTHER, new double[][] {{1}, {1}, {1}})
                .build();
        Path f = dir.resolve("m.json");
        Files.writeString(f, """
                {"schema":"pglab-result/1","envelope":{"module":"m","metricKinds":{}},"jmh":[%s,%s],"extra":[]}
                """.formatted(reference, parserEntry));

        List<ReportModel.Rate> rates = ReportModel.rates(ResultReader.read(f));

        // the reference, the parser's primary and its MB/s secondary; gc.* is never a rate
        assertThat(rates).extracting(ReportModel.Rate::label).hasSize(3).noneMatch(l -> l.contains("gc."));
        ReportModel.Rate ref = rates.stream().filter(r -> r.method().equals("ReadBench.readBytes")).findFirst().orElseThrow();
        assertThat(ref.reference()).isEqualTo("reading the same bytes");
        assertThat(ref.mbps()).isEqualTo(200.0); // median of fork medians 100, 200, 300
        List<ReportModel.Rate> parser = rates.stream().filter(r -> r.method().equals("ParserBench.parse")).toList();
        ReportModel.Rate parse = parser.getFirst();
        assertThat(parse.reference()).isNull();
        assertThat(parse.mbps()).isEqualTo(100.0);
        // against the reference of the same params (the parser's params include the reference's)
        assertThat(parse.ratios()).containsOnlyKeys("ReadBench.readBytes");
        assertThat(parse.ratios().get("ReadBench.readBytes")).isCloseTo(0.5, within(1e-12));
        assertThat(parser.get(1).label()).endsWith("decoded");
        assertThat(parser.get(1).mbps()).isEqualTo(20.0);
    }
}
