package dev.pglab.harness.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HumanTest {

    @Test
    void theIssuesNumbersReadAsPeopleWriteThem() {
        assertThat(Human.value(19_812_345, "ops/s")).isEqualTo("19.8 M ops/s");
        assertThat(Human.value(26.199, "B/op")).isEqualTo("26 B/op");
        assertThat(Human.value(1.055e-3, "B/op")).isEqualTo("0.001 B/op");
        assertThat(Human.value(1536, "B/op")).isEqualTo("1.5 KiB/op");
        assertThat(Human.value(904_265, "ops/s")).isEqualTo("904 k ops/s");
        assertThat(Human.slowdown(904_265.0 / 198_012, "slower", "faster")).isEqualTo("4.57× slower");
        assertThat(Human.slowdown(1.8, "slower", "faster")).isEqualTo("1.8× slower");
        assertThat(Human.slowdown(0.88, "slower", "faster")).isEqualTo("12 % faster");
        assertThat(Human.percent(0.88)).isEqualTo("\u221212 %");
        assertThat(Human.millis(0.25)).isEqualTo("250 µs");
        assertThat(Human.millis(3100)).isEqualTo("3.1 s");
    }

    @Property
    void noNumberIsEverWrittenInScientificNotation(@ForAll double v) {
        assertThat(Human.num(v)).doesNotContainPattern("[0-9][eE][-+]?[0-9]");
        assertThat(Human.value(v, "ops/s")).doesNotContainPattern("[0-9][eE][-+]?[0-9]");
        assertThat(Human.bytes(v)).doesNotContainPattern("[0-9][eE][-+]?[0-9]");
    }
}
