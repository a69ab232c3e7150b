package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlpmVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.5.0 = 1.5.0", "1.5.1 > 1.5", "1.5-1 = 1.5", "1:1.0 > 2.0", "1.0a < 1.0alpha", "1.0rc < 1.0",
            "1.5.a > 1.5", "1.0.0-2 > 1.0.0-1", "2.42.0-1 < 2.43.0-1", "1:2.0-1 > 2.1-1", "1.5_a = 1.5.a", "1.5__a > 1.5.a"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.ALPM, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "1.0 2"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.ALPM, bad);
    }
}
