package dev.pglab.reports;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/** Labels a 1/(1-p) axis value as the percentile it stands for: 10 -> 90%, 1000 -> 99.9%. */
final class PercentileFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        double p = 100 * (1 - 1 / number);
        String s = p <= 0 ? "0%" : String.format(Locale.ROOT, "%s%%",
                new java.math.BigDecimal(p).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
        return toAppendTo.append(s);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
