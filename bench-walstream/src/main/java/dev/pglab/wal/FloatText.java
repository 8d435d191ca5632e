package dev.pglab.wal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * float4out / float8out (PostgreSQL 12+): with extra_float_digits &gt; 0 the shortest decimal that reads back
 * exactly (Ryu, fixed notation for decimal exponents -4 to 14 (float8) or 5 (float4), else {@code d.ddde+XX});
 * otherwise {@code %.Ng} with N = 15 (float8) or 6 (float4) plus extra_float_digits.
 */
final class FloatText {
    private FloatText() {
    }

    static String float8(double v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(v, new BigDecimal(Double.toString(Math.abs(v))), 15, false);
        }
        return printfG(v, Math.max(1, 15 + extraFloatDigits));
    }

    static String float4(float v, int extraFloatDigits) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (extraFloatDigits > 0) {
            return shortest(v, new BigDecimal(Float.toString(Math.abs(v))), 6, true);
        }
        return printfG(v, Math.max(1, 6 + extraFloatDigits));
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        return null;
    }

    /**
     * Java's shortest decimal (JDK 19+) is Ryu's except where one digit suffices: Java then picks the closest of
     * the one- and two-digit decimals (4.9E-324), Ryu the one-digit one (5e-324).
     */
    private static String shortest(double v, BigDecimal javaShortest, int fixedBelow, boolean isFloat) {
        BigDecimal d = javaShortest.stripTrailingZeros();
        if (d.precision() == 2) {
            BigDecimal one = oneDigit(Math.abs(v), d, isFloat);
            if (one != null) {
                d = one;
            }
        }
        String digits = d.unscaledValue().toString();
        int exp = d.precision() - d.scale() - 1;
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) {
            sb.append('-');
        }
        if (exp >= -4 && exp < fixedBelow) {
            sb.append(d.toPlainString());
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            appendExponent(sb, exp);
        }
        return sb.toString();
    }

    private static BigDecimal oneDigit(double abs, BigDecimal twoDigits, boolean isFloat) {
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal down = twoDigits.round(new MathContext(1, RoundingMode.DOWN));
        BigDecimal up = twoDigits.round(new MathContext(1, RoundingMode.UP));
        BigDecimal best = null;
        for (BigDecimal c : new BigDecimal[] {down, up}) {
            boolean readsBack = isFloat ? Float.parseFloat(c.toString()) == (float) abs : Double.parseDouble(c.toString()) == abs;
            if (readsBack && (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = c;
            }
        }
        return best == null ? null : best.stripTrailingZeros();
    }

    /** C's {@code %.Pg} on the exact binary value (rounded half-even, as glibc does). */
    static String printfG(double v, int precision) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        StringBuilder sb = new StringBuilder(32);
        if (v < 0) {
            sb.append('-');
        }
        if (exp >= -4 && exp < precision) {
            sb.append(r.stripTrailingZeros().toPlainString());
        } else {
            String digits = r.unscaledValue().toString();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append(digits.charAt(0));
            if (end > 1) {
                sb.append('.').append(digits, 1, end);
            }
            appendExponent(sb, exp);
        }
        return sb.toString();
    }

    private static void appendExponent(StringBuilder sb, int exp) {
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
            sb.append('0');
        }
        sb.append(a);
    }
}
