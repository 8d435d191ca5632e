package dev.pglab.wal;

import java.util.HashMap;
import java.util.Map;

/**
 * The built-in types whose binary form {@link BinaryTextRenderer} renders: their fixed OIDs, names (as a Type
 * message names a domain's base type) and what kind they are. Checked against pg_type by BinaryTextRendererIT.
 */
final class BuiltinTypes {
    enum Kind { SCALAR, ARRAY, RANGE, MULTIRANGE, RECORD }

    /** @param inner the element type (arrays), subtype (ranges) or range type (multiranges); 0 for scalars */
    record Builtin(int oid, String name, Kind kind, int inner) {
    }

    private static final Map<Integer, Builtin> BY_OID = new HashMap<>();
    private static final Map<String, Builtin> BY_NAME = new HashMap<>();

    static {
        scalar(16, "bool", 1000);
        scalar(17, "bytea", 1001);
        scalar(18, "char", 1002);
        scalar(19, "name", 1003);
        scalar(20, "int8", 1016);
        scalar(21, "int2", 1005);
        scalar(23, "int4", 1007);
        scalar(25, "text", 1009);
        scalar(26, "oid", 1028);
        scalar(114, "json", 199);
        scalar(650, "cidr", 651);
        scalar(869, "inet", 1041);
        scalar(829, "macaddr", 1040);
        scalar(700, "float4", 1021);
        scalar(701, "float8", 1022);
        scalar(1042, "bpchar", 1014);
        scalar(1043, "varchar", 1015);
        scalar(1082, "date", 1182);
        scalar(1083, "time", 1183);
        scalar(1114, "timestamp", 1115);
        scalar(1184, "timestamptz", 1185);
        scalar(1186, "interval", 1187);
        scalar(1266, "timetz", 1270);
        scalar(1560, "bit", 1561);
        scalar(1562, "varbit", 1563);
        scalar(1700, "numeric", 1231);
        scalar(2950, "uuid", 2951);
        scalar(3220, "pg_lsn", 3221);
        scalar(3802, "jsonb", 3807);
        add(new Builtin(2249, "record", Kind.RECORD, 0));
        add(new Builtin(2287, "_record", Kind.ARRAY, 2249));
        range(3904, "int4range", 23, 3905, 4451, "int4multirange", 6150);
        range(3926, "int8range", 20, 3927, 4536, "int8multirange", 6157);
        range(3906, "numrange", 1700, 3907, 4532, "nummultirange", 6151);
        range(3912, "daterange", 1082, 3913, 4535, "datemultirange", 6155);
        range(3908, "tsrange", 1114, 3909, 4533, "tsmultirange", 6152);
        range(3910, "tstzrange", 1184, 3911, 4534, "tstzmultirange", 6153);
    }

    private BuiltinTypes() {
    }

    private static void scalar(int oid, String name, int arrayOid) {
        add(new Builtin(oid, name, Kind.SCALAR, 0));
        add(new Builtin(arrayOid, "_" + name, Kind.ARRAY, oid));
    }

    private static void range(int oid, String name, int subtype, int arrayOid, int multiOid, String multiName, int multiArrayOid) {
        add(new Builtin(oid, name, Kind.RANGE, subtype));
        add(new Builtin(arrayOid, "_" + name, Kind.ARRAY, oid));
        add(new Builtin(multiOid, multiName, Kind.MULTIRANGE, oid));
        add(new Builtin(multiArrayOid, "_" + multiName, Kind.ARRAY, multiOid));
    }

    private static void add(Builtin b) {
        BY_OID.put(b.oid(), b);
        BY_NAME.put(b.name(), b);
    }

    static Builtin byOid(int oid) {
        return BY_OID.get(oid);
    }

    static Builtin byName(String name) {
        return BY_NAME.get(name);
    }

    static Iterable<Builtin> all() {
        return BY_OID.values();
    }
}
