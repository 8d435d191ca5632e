package dev.pglab.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .hgrm} percentile distribution as HdrHistogram's {@code outputPercentileDistribution} prints it:
 * {@code Value Percentile TotalCount 1/(1-Percentile)} rows, then {@code #[Mean ...]} footers.
 */
record Hgrm(Path file, List<double[]> points, String footer) {

    /** {@code points}: [value, percentile (0..1), 1/(1-percentile)]; the last row (infinity) is dropped. */
    static Hgrm read(Path file) throws IOException {
        List<double[]> pts = new ArrayList<>();
        StringBuilder footer = new StringBuilder();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("Value")) {
                continue;
            }
            if (t.startsWith("#")) {
                footer.append(t).append(' ');
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 3) {
                throw new IOException(file + ":" + n + ": expected 'Value Percentile TotalCount [1/(1-Percentile)]', got: " + t);
            }
            try {
                double value = Double.parseDouble(f[0]);
                double p = Double.parseDouble(f[1]);
                if (p < 1.0) {
                    pts.add(new double[] {value, p, 1 / (1 - p)});
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + n + ": not a number in: " + t, e);
            }
        }
        return new Hgrm(file, pts, footer.toString().trim());
    }
}
