package dev.pglab.cdc.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The command line's result: the verdicts and the write volumes behind the write-path rows. */
public record ExperimentReport(VerdictTable verdicts, List<WriteVolume> writeVolumes) {

    public ExperimentReport {
        writeVolumes = List.copyOf(writeVolumes);
    }

    public String render() {
        StringBuilder out = new StringBuilder(verdicts.render());
        out.append("\nWrite volume per updated row (bulk UPDATE, medians of the rounds)\n");
        String fmt = "%-16s %6s %8s %14s %16s%n";
        out.append(fmt.formatted("trigger", "cols", "rows", "WAL bytes/row", "buffer bytes/row"));
        for (WriteVolume v : writeVolumes) {
            out.append(fmt.formatted(v.trigger(), v.cols(), v.rows(), String.format(Locale.ROOT, "%.0f", v.walBytesPerRow()),
                    String.format(Locale.ROOT, "%.0f", v.bufferBytesPerRow())));
        }
        return out.toString();
    }

    public ObjectNode toJson() {
        ObjectNode root = verdicts.toJson();
        ArrayNode list = root.putArray("writeVolumes");
        for (WriteVolume v : writeVolumes) {
            ObjectNode n = list.addObject();
            n.put("trigger", v.trigger());
            n.put("cols", v.cols());
            n.put("rows", v.rows());
            n.put("walBytesPerRow", v.walBytesPerRow());
            n.put("bufferBytesPerRow", v.bufferBytesPerRow());
        }
        return root;
    }
}
