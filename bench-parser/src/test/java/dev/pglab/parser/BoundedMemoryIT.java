package dev.pglab.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pglab.fixtures.logs.CapturedLogs;
import dev.pglab.fixtures.logs.StandardWorkload;
import dev.pglab.fixtures.logs.SyntheticLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory does not grow with the file: a 2 GB synthetic stderr log parses, sequentially and in parallel, and is
 * counted in parallel (the counting path's parts record compact events instead of items), in a JVM limited to
 * -Xmx256m. The file is generated under target/ and deleted afterwards.
 */
class BoundedMemoryIT {
    static final long TWO_GB = 2L << 30;

    /** Runs in the child JVM: parses the file and prints the item counts. */
    public static void main(String[] args) {
        ParserOptions options = ParserOptions.defaults();
        if (args.length > 1 && args[1].startsWith("parallel")) {
            options = options.withThreads(2);
        }
        ParseSummary s = args.length > 1 && args[1].endsWith("count")
                ? new LogParser(options).count(Path.of(args[0]), bytes -> { })
                : new LogParser(options).parse(Path.of(args[0]), item -> { });
        System.out.println(s.statements() + " " + s.executes() + " " + s.sessions() + " " + s.malformed()
                + " " + Runtime.getRuntime().maxMemory());
    }

    @Test
    void twoGigabytesParseInAQuarterGigabyteHeap() throws Exception {
        CapturedLogs capture = StandardWorkload.DEFAULT.capture();
        ParseSummary one = new LogParser(ParserOptions.defaults()).parse(capture.stderr(), i -> { });
        Path big = SyntheticLog.of(capture, "stderr", TWO_GB);
        try {
            long copies = SyntheticLog.copies(capture, "stderr", TWO_GB);
            for (String mode : List.of("sequential", "parallel", "parallel-count")) {
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        BoundedMemoryIT.class.getName(), big.toString(), mode));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                String[] f = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
                assertThat(Long.parseLong(f[0])).as(mode).isEqualTo(one.statements() * copies);
                assertThat(Long.parseLong(f[1])).as(mode).isEqualTo(one.executes() * copies);
                assertThat(Long.parseLong(f[2])).as(mode).isEqualTo(one.sessions() * copies);
                assertThat(Long.parseLong(f[3])).as(mode).isZero();
                assertThat(Long.parseLong(f[4])).isLessThanOrEqualTo(256L << 20);
            }
        } finally {
            Files.deleteIfExists(big);
        }
    }
}
