package dev.pglab.cli.wal;

import dev.pglab.harness.measure.CpuMeter;
import dev.pglab.wal.LogicalStream;
import dev.pglab.wal.LogicalStreamConfig;
import dev.pglab.wal.MessageTypes;
import dev.pglab.wal.PgOutputDecoder;
import dev.pglab.wal.PgOutputVisitor;
import dev.pglab.wal.RecordDecoder;
import dev.pglab.wal.TextOutputSettings;
import dev.pglab.wal.pgo.Lsn;
import dev.pglab.wal.pgo.PgoWriter;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pglab wal stream}: consume a live pgoutput stream, print rates, optionally record it. */
@Command(name = "stream",
        description = {"Consume a live logical replication stream (pgoutput) with pglab's decoder and print rates every "
                + "interval: messages/s, DML events/s, MB/s, this process's CPU and the confirmed LSN. Feedback confirms "
                + "only what was decoded (and recorded). Reconnects with backoff once connected. Ctrl-C stops cleanly. --jsonl prints every "
                + "message as 'wal decode --jsonl' does (binary values as PostgreSQL's text output) and the rates on stderr.",
                "The server is named as for psql (-h -p -U -d, a connection string, PG* variables, .pgpass); it needs "
                        + "wal_level=logical (pglab server --profile logical gives one)."},
        footer = {"", "Examples:", "  pglab wal stream -h localhost -p 5432 -U me -d app --slot s --publication p --create",
                "  pglab wal stream -d postgresql://me@db.example/app --duration 60 --record app.pgo"})
public final class WalStreamCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    dev.pglab.cli.ConnectionOptions connection = new dev.pglab.cli.ConnectionOptions();

    @Option(names = "--url", hidden = true, description = "Former name of --target.")
    String url;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--slot", defaultValue = "pglab_slot", description = "Replication slot (default: ${DEFAULT-VALUE}).")
    String slot;

    @Option(names = "--publication", defaultValue = "pglab_pub", description = "Publication (default: ${DEFAULT-VALUE}).")
    String publication;

    @Option(names = "--create", description = "Create the publication (FOR ALL TABLES, or --table) and the slot if missing.")
    boolean create;

    @Option(names = "--table", split = ",", description = "Tables for a publication created with --create.")
    List<String> tables = List.of();

    @Option(names = "--temporary", description = "Create the slot TEMPORARY (gone when the stream ends).")
    boolean temporary;

    @Option(names = "--proto", defaultValue = "0", description = "pgoutput proto_version 1-4 (default: the newest the server speaks).")
    int proto;

    @Option(names = "--streaming", defaultValue = "off", description = "off, on or parallel (default: ${DEFAULT-VALUE}).")
    LogicalStreamConfig.Streaming streaming;

    @Option(names = "--binary", description = "Ask for binary tuple data.")
    boolean binary;

    @Option(names = "--two-phase", description = "Decode prepared transactions (protocol 3+).")
    boolean twoPhase;

    @Option(names = "--record", paramLabel = "FILE.pgo", description = "Also write every message to a .pgo capture.")
    Path record;

    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds (default: run until Ctrl-C).")
    double duration;

    @Option(names = "--jsonl", description = "Print every message as one JSON object per line (rates go to stderr).")
    boolean jsonl;

    @Mixin
    TextOutputOptions textOutput = new TextOutputOptions();

    @Option(names = "--interval", defaultValue = "1", description = "Seconds between rate lines (default: ${DEFAULT-VALUE}).")
    double interval;

    @Override
    public Integer call() throws Exception {
        TextOutputSettings settings;
        try {
            settings = textOutput.settings();
        } catch (IllegalArgumentException e) {
            System.err.println("pglab wal stream: " + e.getMessage());
            return 2;
        }
        if (url != null) {
            connection.aliasTarget(url);
        }
        if (!(connection.resolve() instanceof dev.pglab.cli.ConnectionOptions.Target.Server server)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "wal stream reads a running server's "
                    + "slot: name it with -h/-p/-U/-d or a connection string (pglab server --profile logical starts one)");
        }
        dev.pglab.harness.pg.ConnInfo info = server.info();
        try (java.sql.Connection probe = info.connect()) {
            probe.isValid(5); // a server that cannot be reached at all is an error now, not endless reconnects
        } catch (java.sql.SQLException e) {
            throw new java.sql.SQLException("cannot connect to " + info.describe() + ": " + e.getMessage(), e);
        }
        LogicalStreamConfig.Builder b = LogicalStreamConfig.builder(info.jdbcUrl(), slot, publication)
                .properties(info.properties()).create(create)
                .publish(tables).temporarySlot(temporary).protoVersion(proto).streaming(streaming).binary(binary)
                .twoPhase(twoPhase);
        LogicalStream stream = new LogicalStream(b.build());
        AtomicLong dml = new AtomicLong();
        PgOutputDecoder decoder = new PgOutputDecoder();
        RecordDecoder records = new RecordDecoder();
        var renderer = records.textRenderer(settings);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        PrintStream rates = jsonl ? System.err : System.out;
        PgoWriter writer = record == null ? null : PgoWriter.create(record);
        LogicalStream.Consumer consumer = new LogicalStream.Consumer() {
            @Override
            public void onConnect(long startLsn, int connection) {
                decoder.reset();
                records.decoder().reset();
                System.err.printf("connected (%d) to slot %s, proto_version %d, from %s%n", connection, slot,
                        stream.protoVersion(), startLsn == 0 ? "the slot's position" : Lsn.format(startLsn));
            }

            @Override
            public void onMessage(long lsn, ByteBuffer message) {
                byte type = message.get(message.position());
                if (jsonl) {
                    try {
                        System.out.println(json.writeValueAsString(MessageJson.of(lsn, records.decode(message), renderer)));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                } else {
                    decoder.decode(message, PgOutputVisitor.NONE);
                }
                if (MessageTypes.isDml(type)) {
                    dml.incrementAndGet();
                }
                if (writer != null) {
                    writer.write(lsn, message);
                }
            }
        };
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("pglab-wal-stream").start(() -> {
            try {
                stream.run(consumer);
            } catch (Exception e) {
                failed.set(e);
                System.err.println("pglab wal stream: " + dev.pglab.harness.pg.Redaction.redact(e.getMessage()));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(stream::cancel, "pglab-wal-stream-stop"));
        long start = System.nanoTime();
        long lastMessages = 0;
        long lastBytes = 0;
        long lastDml = 0;
        CpuMeter cpu = CpuMeter.self().start();
        rates.printf("%8s %12s %12s %9s %7s %s%n", "seconds", "messages/s", "DML/s", "MB/s", "CPU%", "confirmed");
        while (runner.isAlive()) {
            runner.join(Duration.ofMillis((long) (interval * 1000)));
            CpuMeter.Reading r = cpu.stop();
            cpu = CpuMeter.self().start();
            double s = r.wallNanos() / 1e9;
            long m = stream.messages();
            long by = stream.payloadBytes();
            long d = dml.get();
            rates.printf("%8.1f %,12.0f %,12.0f %9.2f %7.1f %s%n", (System.nanoTime() - start) / 1e9,
                    (m - lastMessages) / s, (d - lastDml) / s, (by - lastBytes) / s / 1e6, Math.max(0, r.percentOfCore()),
                    Lsn.format(stream.confirmedLsn()));
            lastMessages = m;
            lastBytes = by;
            lastDml = d;
            if (duration > 0 && (System.nanoTime() - start) / 1e9 >= duration) {
                stream.cancel();
            }
        }
        if (writer != null) {
            writer.close();
            System.err.printf("recorded %,d messages into %s%n", writer.records(), record);
        }
        if (stream.connections() == 0) {
            System.err.println("pglab wal stream: never streamed from slot " + slot + " on " + info.describe());
            return dev.pglab.cli.ExitCodes.USAGE_OR_INPUT;
        }
        return failed.get() == null ? dev.pglab.cli.ExitCodes.OK : dev.pglab.cli.ExitCodes.PARTIAL;
    }
}
