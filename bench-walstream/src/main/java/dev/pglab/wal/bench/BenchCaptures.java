package dev.pglab.wal.bench;

import dev.pglab.fixtures.wal.SyntheticWal;
import dev.pglab.fixtures.wal.WalCapture;
import dev.pglab.fixtures.wal.WalScenarios;
import dev.pglab.fixtures.workload.WorkloadMix;
import dev.pglab.harness.pg.PgServer;
import dev.pglab.harness.pg.PgServerConfig;
import dev.pglab.harness.pg.ServerProfile;
import dev.pglab.harness.result.RunNotes;
import dev.pglab.wal.pgo.PgoImage;
import dev.pglab.wal.pgo.PgoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The byte streams DecodeBench replays: synthetic ({@code synthetic-<shape>}) or captured from a real server
 * ({@code captured-<shape>}). Captures are made once per reactor build into {@code target/pglab/fixtures/wal}
 * (starting an embedded server) and reused by later forks.
 */
public final class BenchCaptures {
    private static final int ROWS = 10_000;

    private BenchCaptures() {
    }

    public static PgoImage load(String fixture) throws Exception {
        String[] parts = fixture.split("-", 2);
        PgoImage image = switch (parts[0]) {
            case "synthetic" -> synthetic(parts[1]);
            case "captured" -> captured(parts[1]);
            default -> throw new IllegalArgumentException("fixture " + fixture + ": expected synthetic-<shape> or captured-<shape>");
        };
        RunNotes.fixture("wal-" + fixture, image.size() + " pgoutput messages, " + image.payloadBytes() + " payload bytes");
        return image;
    }

    private static PgoImage synthetic(String shape) {
        SyntheticWal.Shape s = switch (shape) {
            case "narrow" -> SyntheticWal.Shape.NARROW;
            case "narrow_binary" -> SyntheticWal.Shape.NARROW_BINARY;
            case "wide20" -> SyntheticWal.Shape.WIDE_20;
            case "2kb" -> SyntheticWal.Shape.PAYLOAD_2KB;
            case "mixed" -> SyntheticWal.Shape.MIXED;
            default -> throw new IllegalArgumentException("synthetic shape " + shape + ": expected narrow, narrow_binary, wide20, 2kb or mixed");
        };
        int rows = s == SyntheticWal.Shape.MIXED || s == SyntheticWal.Shape.WIDE_20 || s == SyntheticWal.Shape.PAYLOAD_2KB ? 500 : 8000;
        return PgoImage.of("synthetic-" + shape,
                PgoWriter.toBytes(out -> SyntheticWal.write(s, Math.max(1, ROWS / rows), rows, 42, out::write)));
    }

    /** The setup SQL (the tables) of a {@code captured-<shape>} fixture, for a decoder that needs the live schema. */
    public static java.util.List<String> capturedSetup(String fixture) {
        if (!fixture.startsWith("captured-")) {
            throw new IllegalArgumentException("fixture " + fixture + ": expected captured-<shape>");
        }
        return WalScenarios.bench(benchShape(fixture.substring("captured-".length())), ROWS).setup();
    }

    private static PgoImage captured(String shape) throws Exception {
        WorkloadMix s = benchShape(shape);
        String root = System.getProperty("pglab.root", ".");
        Path file = Path.of(root, "target", "pglab", "fixtures", "wal",
                "bench-" + s.name().toLowerCase(Locale.ROOT) + "-" + ROWS + ".pgo");
        if (!Files.exists(file)) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
            try (PgServer server = PgServer.start(PgServerConfig.fromEnvironment(ServerProfile.LOGICAL));
                 PgoWriter out = PgoWriter.create(tmp)) {
                WalCapture.capture(server, WalScenarios.bench(s, ROWS), out::write);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return PgoImage.load(file);
    }

    private static WorkloadMix benchShape(String shape) {
        return switch (shape) {
            case "narrow" -> WorkloadMix.NARROW;
            case "wide20" -> WorkloadMix.WIDE_20;
            case "2kb" -> WorkloadMix.PAYLOAD_2KB;
            case "mixed" -> WorkloadMix.MIXED;
            default -> throw new IllegalArgumentException("captured shape " + shape + ": expected narrow, wide20, 2kb or mixed");
        };
    }
}
