package dev.pglab.parser;

import java.nio.charset.StandardCharsets;

/**
 * Reads log timestamps ({@code %m}, {@code %t}, {@code %n}, csv and json {@code 2026-11-25 16:04:36.232 UTC})
 * into {@link LogTimestamp}s without java.time on the hot path; remembers the last one because consecutive entries
 * often share it.
 */
final class Timestamps {
    private byte[] lastBytes = new byte[40];
    private int lastLength = -1;
    private char lastKind;
    /** The last valid parse as numbers, and its LogTimestamp once someone asked for it. */
    private long micros;
    private String zone = "";
    private int digits;
    private LogTimestamp value;
    private static final LogTimestamp NONE = new LogTimestamp(0, "", 0);
    private String lastZone = "UTC";
    private long lastZoneOffsetMicros;

    /** What the last {@link #parse} that returned false expected. */
    private String invalid;

    /**
     * The timestamp in a[s, e), or null when it is no valid date and time ({@link #invalid()} then says what was
     * expected): every field is range-checked, so an impossible date never becomes a plausible instant.
     */
    LogTimestamp parse(byte[] a, int s, int e, char kind) {
        return read(a, s, e, kind) ? value() : null;
    }

    /** Like {@link #parse}, keeping the time as numbers ({@link #micros()} ...): no LogTimestamp is made. */
    boolean read(byte[] a, int s, int e, char kind) {
        int n = e - s;
        if (n == lastLength && kind == lastKind && Bytes.equals(a, s, e, lastBytes, 0, n)) {
            return true; // the same text as the last entry's: the same time, the same LogTimestamp if made
        }
        if (!(kind == 'n' ? epoch(a, s, e) : civil(a, s, e))) {
            return false;
        }
        value = null;
        if (n <= lastBytes.length) {
            System.arraycopy(a, s, lastBytes, 0, n);
            lastLength = n;
            lastKind = kind;
        } else {
            lastLength = -1;
        }
        return true;
    }

    /** An entry without a timestamp field: time 0, no zone. */
    void none() {
        micros = 0;
        zone = "";
        digits = 0;
        value = NONE;
        lastLength = -1;
    }

    long micros() {
        return micros;
    }

    String zone() {
        return zone;
    }

    int digits() {
        return digits;
    }

    /** The last parse as a LogTimestamp, made once per distinct time and only when asked (items need it, counts not). */
    LogTimestamp value() {
        if (value == null) {
            value = new LogTimestamp(micros, zone, digits);
        }
        return value;
    }

    private boolean set(long epochMicros, String zoneText, int fractionDigits) {
        micros = epochMicros;
        zone = zoneText;
        digits = fractionDigits;
        return true;
    }

    String invalid() {
        return invalid;
    }

    private boolean invalid(String expected) {
        invalid = expected;
        return false;
    }

    private boolean epoch(byte[] a, int s, int e) {
        int dot = Bytes.indexOf(a, s, e, (byte) '.');
        int intEnd = dot < 0 ? e : dot;
        if (intEnd == s || intEnd - s > 12 || !allDigits(a, s, intEnd) || (dot >= 0 && (!allDigits(a, dot + 1, e) || e - dot - 1 > 9))) {
            return invalid("epoch seconds (up to 12 digits, optionally '.' and up to 9 digits)");
        }
        long secs = Bytes.digits(a, s, dot < 0 ? e : dot);
        int digits = dot < 0 ? 0 : e - dot - 1;
        long frac = dot < 0 ? 0 : Bytes.digits(a, dot + 1, e);
        return set(secs * 1_000_000 + scaleToMicros(frac, digits), "UTC", digits);
    }

    private boolean civil(byte[] a, int s, int e) {
        if (LinePrefix.timestamp(a, s, e) < 0 || !allDigits(a, s, s + 4) || !allDigits(a, s + 5, s + 7)
                || !allDigits(a, s + 8, s + 10) || !allDigits(a, s + 11, s + 13) || !allDigits(a, s + 14, s + 16)
                || !allDigits(a, s + 17, s + 19)) {
            return invalid("'YYYY-MM-DD HH:MM:SS[.fff] ZONE'");
        }
        long year = Bytes.digits(a, s, s + 4);
        long month = Bytes.digits(a, s + 5, s + 7);
        long day = Bytes.digits(a, s + 8, s + 10);
        long hour = Bytes.digits(a, s + 11, s + 13);
        long minute = Bytes.digits(a, s + 14, s + 16);
        long second = Bytes.digits(a, s + 17, s + 19);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return invalid("a real date (month 01-12, day within the month)");
        }
        if (hour > 23 || minute > 59 || second > 60) {
            return invalid("a time of day (hour 00-23, minute 00-59, second 00-60)");
        }
        int i = s + 19;
        int digits = 0;
        long frac = 0;
        if (i < e && a[i] == '.') {
            int fs = ++i;
            while (i < e && Bytes.isDigit(a[i])) {
                i++;
            }
            digits = i - fs;
            frac = Bytes.digits(a, fs, Math.min(i, fs + 6));
            frac = scaleToMicros(frac, Math.min(digits, 6));
        }
        String zone = "";
        long offsetMicros = 0;
        if (i < e && a[i] != ' ') {
            return invalid("a space and a zone, or the end, after the seconds");
        }
        if (i < e) {
            int zs = i + 1;
            if (e - zs == 3 && a[zs] == 'U' && a[zs + 1] == 'T' && a[zs + 2] == 'C') {
                zone = "UTC";
            } else if (sameAscii(lastZone, a, zs, e)) {
                zone = lastZone;
                offsetMicros = lastZoneOffsetMicros;
            } else {
                zone = new String(a, zs, e - zs, StandardCharsets.US_ASCII);
                if (!validZone(zone)) {
                    return invalid("a zone: an abbreviation (letters) or a numeric offset (+HH, +HH:MM, +HHMM, up to 15:59)");
                }
                offsetMicros = zoneOffsetMicros(zone);
                lastZone = zone;
                lastZoneOffsetMicros = offsetMicros;
            }
        }
        long days = daysFromCivil(year, month, day);
        long micros = ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + frac - offsetMicros;
        return set(micros, zone, digits);
    }

    private static boolean sameAscii(String text, byte[] a, int s, int e) {
        if (text.length() != e - s) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != a[s + i]) {
                return false;
            }
        }
        return true;
    }

    private static long scaleToMicros(long frac, int digits) {
        long v = frac;
        for (int d = digits; d < 6; d++) {
            v *= 10;
        }
        for (int d = digits; d > 6; d--) {
            v /= 10;
        }
        return v;
    }

    private static boolean allDigits(byte[] a, int s, int e) {
        for (int i = s; i < e; i++) {
            if (!Bytes.isDigit(a[i])) {
                return false;
            }
        }
        return true;
    }

    static long daysInMonth(long year, long month) {
        return switch ((int) month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Letters (CET, UTC, America-style abbreviations), or +HH, +HH:MM, +HHMM with hours up to 15, minutes up to 59. */
    static boolean validZone(String zone) {
        int n = zone.length();
        if (n == 0) {
            return false;
        }
        char c0 = zone.charAt(0);
        if (c0 != '+' && c0 != '-') {
            for (int i = 0; i < n; i++) {
                char c = zone.charAt(i);
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                    return false;
                }
            }
            return n <= 10;
        }
        String digits = n == 6 && zone.charAt(3) == ':' ? zone.substring(1, 3) + zone.substring(4) : zone.substring(1);
        if (digits.length() != 2 && digits.length() != 4) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(digits.substring(0, 2)) <= 15
                && (digits.length() == 2 || Integer.parseInt(digits.substring(2)) <= 59);
    }

    /** Offsets of numeric zones (+02, -05:30, +0530) and common abbreviations; others count as UTC. */
    static long zoneOffsetMicros(String zone) {
        if (!validZone(zone)) {
            throw new IllegalArgumentException("not a zone: " + zone);
        }
        if (!zone.isEmpty() && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
            String digits = zone.substring(1).replace(":", "");
            int h = digits.length() >= 2 ? Integer.parseInt(digits.substring(0, 2)) : 0;
            int m = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
            long micros = (h * 60L + m) * 60_000_000L;
            return zone.charAt(0) == '-' ? -micros : micros;
        }
        int hours = switch (zone) {
            case "CET", "BST", "WAT" -> 1;
            case "CEST", "EET", "SAST" -> 2;
            case "EEST", "MSK" -> 3;
            case "IST" -> 0; // ambiguous (India, Ireland, Israel): treated as UTC
            case "JST", "KST" -> 9;
            case "AEST" -> 10;
            case "AEDT" -> 11;
            case "EST" -> -5;
            case "EDT", "AST" -> -4;
            case "CST" -> -6;
            case "CDT" -> -5;
            case "MST" -> -7;
            case "MDT" -> -6;
            case "PST" -> -8;
            case "PDT" -> -7;
            default -> 0;
        };
        return hours * 3_600_000_000L;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
