package dev.pglab.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A benchmark declares itself a reference; the result entry carries the declaration, other entries stay as JMH wrote them. */
class ReferencesTest {

    public static class SomeBench {
        @Reference("reading the same bytes")
        public long readBytes() {
            return 0;
        }

        public long parse() {
            return 0;
        }
    }

    @Test
    void onlyTheDeclaredMethodIsMarked() {
        ObjectMapper json = new ObjectMapper();
        String type = SomeBench.class.getName();
        ObjectNode reference = json.createObjectNode().put("benchmark", type + ".readBytes");
        ObjectNode subject = json.createObjectNode().put("benchmark", type + ".parse");
        ObjectNode paced = json.createObjectNode().put("benchmark", "dev.pglab.nowhere.Suite.arm");
        References.mark(List.<JsonNode>of(reference, subject, paced), getClass().getClassLoader());
        assertThat(reference.path(References.FIELD).asText()).isEqualTo("reading the same bytes");
        assertThat(subject.has(References.FIELD)).isFalse();
        assertThat(paced.has(References.FIELD)).isFalse();
    }
}
