package dev.pglab.wal;

import java.nio.ByteBuffer;

/** inet_out, cidr_out and macaddr_out from their binary forms (PostgreSQL's inet_net_ntop). */
final class NetworkText {
    private static final int PGSQL_AF_INET = 2;
    private static final int PGSQL_AF_INET6 = 3;

    private NetworkText() {
    }

    /** family, bits, is_cidr, address length, address: the address, "/bits" unless a full-length inet. */
    static String inet(ByteBuffer b, int off, int len, boolean cidr) {
        if (len < 4) {
            throw new IllegalArgumentException("expected family, bits, is_cidr and length bytes");
        }
        int family = b.get(off) & 0xff;
        int bits = b.get(off + 1) & 0xff;
        int nb = b.get(off + 3) & 0xff;
        int max = family == PGSQL_AF_INET ? 32 : family == PGSQL_AF_INET6 ? 128 : -1;
        if (max < 0 || nb != max / 8 || len != 4 + nb || bits > max) {
            throw new IllegalArgumentException("expected an IPv4 (family 2, 4 bytes) or IPv6 (family 3, 16 bytes) address");
        }
        StringBuilder sb = new StringBuilder(48);
        if (family == PGSQL_AF_INET) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(b.get(off + 4 + i) & 0xff);
            }
        } else {
            ipv6(sb, b, off + 4);
        }
        if (bits != max || cidr) {
            sb.append('/').append(bits);
        }
        return sb.toString();
    }

    /** The longest run of two or more zero words as "::" (the first such run), an embedded IPv4 tail as a.b.c.d. */
    private static void ipv6(StringBuilder sb, ByteBuffer b, int off) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = b.getShort(off + 2 * i) & 0xffff;
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 7 && words[7] != 0x0001)
                    || (bestLen == 5 && words[5] == 0xffff))) {
                for (int k = 12; k < 16; k++) {
                    if (k > 12) {
                        sb.append('.');
                    }
                    sb.append(b.get(off + k) & 0xff);
                }
                return;
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
    }

    static String macaddr(ByteBuffer b, int off, int len) {
        if (len != 6) {
            throw new IllegalArgumentException("expected 6 bytes, got " + len);
        }
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            int v = b.get(off + i) & 0xff;
            sb.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
        }
        return sb.toString();
    }
}
