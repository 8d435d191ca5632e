package dev.pglab.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pglab.fixtures.wal.PgOutputEncoder;
import dev.pglab.fixtures.wal.PgOutputEncoder.Column;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowMapperTest {
    enum Mood { SAD, OK, HAPPY }

    record Event(long id, String payload, Instant createdAt, Mood mood, UUID ref, Double score) {
    }

    private final PgOutputEncoder enc = new PgOutputEncoder();

    @Test
    void mapsColumnsByNameOrSnakeCaseAndConvertsTypes() {
        RecordDecoder decoder = new RecordDecoder();
        decoder.decode(enc.relation(0, 7, "public", "events", 'd', Column.key("id", PgTypes.INT4),
                Column.of("payload", PgTypes.TEXT), Column.of("created_at", PgTypes.TIMESTAMPTZ), Column.of("mood", 90000),
                Column.of("ref", PgTypes.UUID_OID), Column.of("score", PgTypes.NUMERIC)));
        var insert = (PgOutputMessage.Insert) decoder.decode(enc.insert(0, 7, "42", "hello", "2024-02-29 12:00:00+00", "happy",
                "0e37df36-f698-11e6-8dd4-cb9ced3df976", null));
        Event e = RowMapper.of(Event.class).map(insert.relation(), insert.newTuple());
        assertThat(e).isEqualTo(new Event(42, "hello", Instant.parse("2024-02-29T12:00:00Z"), Mood.HAPPY,
                UUID.fromString("0e37df36-f698-11e6-8dd4-cb9ced3df976"), null));

        // the flyweight path maps the same bytes to the same record
        RowMapper<Event> mapper = RowMapper.of(Event.class);
        Event[] seen = new Event[1];
        PgOutputDecoder flyweight = decoder.decoder();
        flyweight.decode(ByteBuffer.wrap(enc.insert(0, 7, "42", "hello", "2024-02-29 12:00:00+00", "happy",
                "0e37df36-f698-11e6-8dd4-cb9ced3df976", null)), new PgOutputVisitor() {
            @Override
            public void insert(long xid, PgOutputMessage.Relation relation, TupleView newTuple) {
                seen[0] = mapper.map(newTuple);
            }
        });
        assertThat(seen[0]).isEqualTo(e);
    }

    record Missing(long id, String nope) {
    }

    @Test
    void aComponentWithoutAColumnIsAClearError() {
        RecordDecoder decoder = new RecordDecoder();
        decoder.decode(enc.relation(0, 7, "public", "events", 'd', Column.key("id", PgTypes.INT4)));
        var insert = (PgOutputMessage.Insert) decoder.decode(enc.insert(0, 7, "1"));
        assertThatThrownBy(() -> RowMapper.of(Missing.class).map(insert.relation(), insert.newTuple()))
                .hasMessageContaining("Missing.nope has no column 'nope'").hasMessageContaining("public.events");
    }
}
