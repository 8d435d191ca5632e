package dev.pglab.wal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * date_out, time_out, timetz_out, timestamp_out, timestamptz_out and interval_out as PostgreSQL prints them
 * with DateStyle ISO and IntervalStyle postgres, from the binary forms (days or microseconds since
 * 2000-01-01; timetz's zone in seconds west of UTC; interval as microseconds, days, months).
 */
final class DateTimeText {
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;

    private DateTimeText() {
    }

    static String date(int days) {
        if (days == Integer.MAX_VALUE) {
            return "infinity";
        }
        if (days == Integer.MIN_VALUE) {
            return "-infinity";
        }
        LocalDate d = LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static String time(long micros) {
        StringBuilder sb = new StringBuilder(16);
        appendTime(sb, micros);
        return sb.toString();
    }

    static String timetz(long micros, int zoneSecondsWest) {
        StringBuilder sb = new StringBuilder(24);
        appendTime(sb, micros);
        appendZone(sb, zoneSecondsWest);
        return sb.toString();
    }

    static String timestamp(long pgMicros) {
        String inf = infinity(pgMicros);
        return inf != null ? inf : dateTime(LocalDateTime.ofEpochSecond(epochSecond(pgMicros), 0, ZoneOffset.UTC),
                Math.floorMod(pgMicros, 1_000_000L), null);
    }

    static String timestamptz(long pgMicros, ZoneId zone) {
        String inf = infinity(pgMicros);
        if (inf != null) {
            return inf;
        }
        Instant instant = Instant.ofEpochSecond(epochSecond(pgMicros));
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, offset);
        return dateTime(local, Math.floorMod(pgMicros, 1_000_000L), offset);
    }

    private static String infinity(long pgMicros) {
        return pgMicros == Long.MAX_VALUE ? "infinity" : pgMicros == Long.MIN_VALUE ? "-infinity" : null;
    }

    private static long epochSecond(long pgMicros) {
        return Math.floorDiv(pgMicros, 1_000_000L) + PG_EPOCH_SECOND;
    }

    private static String dateTime(LocalDateTime t, long fractionMicros, ZoneOffset offset) {
        StringBuilder sb = new StringBuilder(40);
        appendDate(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth());
        sb.append(' ');
        pad2(sb, t.getHour()).append(':');
        pad2(sb, t.getMinute()).append(':');
        pad2(sb, t.getSecond());
        appendFraction(sb, fractionMicros);
        if (offset != null) {
            appendZone(sb, -offset.getTotalSeconds());
        }
        if (t.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    /** ISO year: zero-padded to 4 digits; year 0 is 1 BC (the caller appends " BC"). */
    private static void appendDate(StringBuilder sb, int year, int month, int day) {
        int y = year > 0 ? year : 1 - year;
        String ys = Integer.toString(y);
        for (int i = ys.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(ys).append('-');
        pad2(sb, month).append('-');
        pad2(sb, day);
    }

    private static void appendTime(StringBuilder sb, long micros) {
        long secs = micros / 1_000_000L;
        pad2(sb, (int) (secs / 3600)).append(':');
        pad2(sb, (int) (secs / 60 % 60)).append(':');
        pad2(sb, (int) (secs % 60));
        appendFraction(sb, micros % 1_000_000L);
    }

    /** EncodeTimezone, ISO: the sign is east-positive, minutes and seconds only when not zero. */
    private static void appendZone(StringBuilder sb, int secondsWest) {
        int s = Math.abs(secondsWest);
        sb.append(secondsWest <= 0 ? '+' : '-');
        pad2(sb, s / 3600);
        int min = s / 60 % 60;
        int sec = s % 60;
        if (sec != 0) {
            pad2(sb.append(':'), min);
            pad2(sb.append(':'), sec);
        } else if (min != 0) {
            pad2(sb.append(':'), min);
        }
    }

    /** Microseconds as ".ffffff" without trailing zeros; nothing when zero. */
    private static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) {
            return;
        }
        String f = Long.toString(micros);
        sb.append('.');
        for (int i = f.length(); i < 6; i++) {
            sb.append('0');
        }
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append(f, 0, end);
    }

    private static StringBuilder pad2(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    /** interval_out with IntervalStyle postgres: "1 year 2 mons -3 days +04:05:06.5". */
    static String interval(long time, int days, int months) {
        if (months == Integer.MAX_VALUE && days == Integer.MAX_VALUE && time == Long.MAX_VALUE) {
            return "infinity";
        }
        if (months == Integer.MIN_VALUE && days == Integer.MIN_VALUE && time == Long.MIN_VALUE) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(48);
        boolean[] state = {true, false}; // is_zero, is_before
        part(sb, months / 12, "year", state);
        part(sb, months % 12, "mon", state);
        part(sb, days, "day", state);
        long hour = time / 3_600_000_000L;
        long rest = time - hour * 3_600_000_000L;
        long min = rest / 60_000_000L;
        rest -= min * 60_000_000L;
        long sec = rest / 1_000_000L;
        long fsec = rest - sec * 1_000_000L;
        boolean isZero = state[0];
        if (isZero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
            boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
            sb.append(isZero ? "" : " ").append(minus ? "-" : state[1] ? "+" : "");
            pad2(sb, Math.abs(hour)).append(':');
            pad2(sb, Math.abs(min)).append(':');
            pad2(sb, Math.abs(sec));
            appendFraction(sb, Math.abs(fsec));
        }
        return sb.toString();
    }

    /** AddPostgresIntPart: each non-zero field sets is_before for (only) the next one, as PostgreSQL does. */
    private static void part(StringBuilder sb, long value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        sb.append(state[0] ? "" : " ").append(state[1] && value > 0 ? "+" : "").append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }
}
