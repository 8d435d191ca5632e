package dev.pglab.harness.result;

import java.nio.file.Path;

/**
 * Every path the lab writes under {@code <root>/target/pglab}, and the committed folders beside it: the one
 * place that knows the layout, so a writer and its reader (a suite and the gate, the gate and the report) can
 * never disagree about where a file is. {@code root} is the reactor root ({@code -Dpglab.root}).
 */
public record LabLayout(Path root) {

    public LabLayout {
        root = root.toAbsolutePath().normalize();
    }

    public static LabLayout of(Path root) {
        return new LabLayout(root);
    }

    /** {@code <root>/target/pglab}. */
    public Path pglab() {
        return root.resolve("target").resolve("pglab");
    }

    /** Result files, one per module: {@code target/pglab/results}. */
    public Path results() {
        return pglab().resolve("results");
    }

    public Path resultFile(String module) {
        return results().resolve(module + ".json");
    }

    /** What the gate decided: {@code target/pglab/gate.json}. */
    public Path gateJson() {
        return pglab().resolve("gate.json");
    }

    /** The HTML report: {@code target/pglab/report}. */
    public Path report() {
        return pglab().resolve("report");
    }

    /** Flame graphs of one module ({@code -Dpglab.profile=async}). */
    public Path profiles() {
        return pglab().resolve("profiles");
    }

    public Path profiles(String module) {
        return profiles().resolve(module);
    }

    /** Published session traces, one directory per trace. */
    public Path traces() {
        return pglab().resolve("traces");
    }

    /** HdrHistogram percentile files the suites leave for the report. */
    public Path hgrm() {
        return pglab().resolve("hgrm");
    }

    /** Replay report directories a suite keeps for the lab report's replay pages (the stall experiment's). */
    public Path replays() {
        return pglab().resolve("replays");
    }

    /** Data directories of embedded servers. */
    public Path pg() {
        return pglab().resolve("pg");
    }

    /** Captured fixtures cached per build, by kind ({@code logs}, {@code wal}). */
    public Path captures(String kind) {
        return pglab().resolve("fixtures").resolve(kind);
    }

    /** Scratch space of one module's suite run (JMH's JSON, the run notes, a paced suite's files). */
    public Path work(String module) {
        return pglab().resolve("work").resolve(module);
    }

    /**
     * JMH's own JSON of a module's run, which LabRunner reads back into the result file; a paced suite that works on
     * the JMH results gets them typed from LabRunner ({@code PacedSuite.afterJmh}), never from this file.
     */
    public Path jmhJson(String module) {
        return work(module).resolve("jmh.json");
    }

    /** The notes a module's benchmark forks and paced suites append while the suite runs. */
    public Path notes(String module) {
        return work(module).resolve("notes.jsonl");
    }

    /** The A/B timing gate: the base revision's worktree, build logs and runs. */
    public Path ab() {
        return pglab().resolve("ab");
    }

    /** The committed baselines: {@code <root>/ci/baselines}. */
    public Path baselines() {
        return root.resolve("ci").resolve("baselines");
    }
}
