package dev.pglab.wal;

/**
 * Relations by OID for one stream: an open-addressing map from int to {@link PgOutputMessage.Relation}, so
 * the per-change lookup neither boxes nor allocates. A Relation message for a known OID replaces the entry.
 */
public final class RelationCache {
    private int[] keys = new int[16];
    private PgOutputMessage.Relation[] values = new PgOutputMessage.Relation[16];
    private int size;
    // the last hit: changes of one table come in runs, so most lookups end here without hashing
    private PgOutputMessage.Relation last;

    public PgOutputMessage.Relation get(int oid) {
        PgOutputMessage.Relation hit = last;
        if (hit != null && hit.oid() == oid) {
            return hit;
        }
        int mask = keys.length - 1;
        for (int i = mix(oid) & mask; ; i = (i + 1) & mask) {
            PgOutputMessage.Relation r = values[i];
            if (r == null) {
                return null;
            }
            if (keys[i] == oid) {
                last = r;
                return r;
            }
        }
    }

    public void put(PgOutputMessage.Relation relation) {
        last = null;
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(relation);
    }

    private void insert(PgOutputMessage.Relation relation) {
        int mask = keys.length - 1;
        for (int i = mix(relation.oid()) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = relation.oid();
                values[i] = relation;
                size++;
                return;
            }
            if (keys[i] == relation.oid()) {
                values[i] = relation;
                return;
            }
        }
    }

    private void grow() {
        PgOutputMessage.Relation[] old = values;
        keys = new int[old.length * 2];
        values = new PgOutputMessage.Relation[old.length * 2];
        size = 0;
        for (PgOutputMessage.Relation r : old) {
            if (r != null) {
                insert(r);
            }
        }
    }

    public int size() {
        return size;
    }

    /** All cached relations, in no particular order. */
    public java.util.List<PgOutputMessage.Relation> all() {
        java.util.List<PgOutputMessage.Relation> out = new java.util.ArrayList<>();
        for (PgOutputMessage.Relation r : values) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    public void clear() {
        java.util.Arrays.fill(values, null);
        size = 0;
        last = null;
    }

    private static int mix(int oid) {
        return oid * 0x9E3779B9 >>> 7;
    }
}
