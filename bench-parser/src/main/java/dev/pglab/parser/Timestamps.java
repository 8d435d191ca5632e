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
    private LogTimestamp last;
    private String lastZone = "UTC";
    private long lastZoneOffsetMicros;

    LogTimestamp parse(byte[] a, int s, int e, char kind) {
        int n = e - s;
        if (n == lastLength && kind == lastKind && Bytes.equals(a, s, e, lastBytes, 0, n)) {
            return last;
        }
        LogTimestamp ts = kind == 'n' ? epoch(a, s, e) : civil(a, s, e);
        if (n <= lastBytes.length) {
            System.arraycopy(a, s, lastBytes, 0, n);
            lastLength = n;
            lastKind = kind;
            last = ts;
        }
        return ts;
    }

    private LogTimestamp epoch(byte[] a, int s, int e) {
        int dot = Bytes.indexOf(a, s, e, (byte) '.');
        long secs = Bytes.digits(a, s, dot < 0 ? e : dot);
        int digits = dot < 0 ? 0 : e - dot - 1;
        long frac = dot < 0 ? 0 : Bytes.digits(a, dot + 1, e);
        return new LogTimestamp(secs * 1_000_000 + scaleToMicros(frac, digits), "UTC", digits);
    }

    private LogTimestamp civil(byte[] a, int s, int e) {
        if (LinePrefix.timestamp(a, s, e) < 0) {
            return new LogTimestamp(0, "?", 0);
        }
        long year = Bytes.digits(a, s, s + 4);
        long month = Bytes.digits(a, s + 5, s + 7);
        long day = Bytes.digits(a, s + 8, s + 10);
        long hour = Bytes.digits(a, s + 11, s + 13);
        long minute = Bytes.digits(a, s + 14, s + 16);
        long second = Bytes.digits(a, s + 17, s + 19);
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
        if (i < e && a[i] == ' ') {
            int zs = i + 1;
            if (e - zs == 3 && a[zs] == 'U' && a[zs + 1] == 'T' && a[zs + 2] == 'C') {
                zone = "UTC";
            } else if (e - zs == lastZone.length() && lastZone.equals(new String(a, zs, e - zs, StandardCharsets.US_ASCII))) {
                zone = lastZone;
                offsetMicros = lastZoneOffsetMicros;
            } else {
                zone = new String(a, zs, e - zs, StandardCharsets.US_ASCII);
                offsetMicros = zoneOffsetMicros(zone);
                lastZone = zone;
                lastZoneOffsetMicros = offsetMicros;
            }
        }
        long days = daysFromCivil(year, month, day);
        long micros = ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + frac - offsetMicros;
        return new LogTimestamp(micros, zone, digits);
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

    /** Offsets of numeric zones (+02, -05:30, +0530) and common abbreviations; others count as UTC. */
    static long zoneOffsetMicros(String zone) {
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
