package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComposerVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0.0", "v1.0.0 = 1.0.0", "1.0-dev < 1.0a1", "1.0a1 < 1.0b1", "1.0b1 < 1.0RC1", "1.0RC1 < 1.0",
            "1.0 < 1.0pl1", "1.0-patch1 = 1.0pl1", "1.0.0-beta2 > 1.0.0-beta1", "2.x-dev > 2.5.0", "1.0.0@stable = 1.0.0",
            "5.4.1 < 5.4.10", "2021.01.02 > 2020.12.31", "1.0-alpha = 1.0a"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.COMPOSER, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "abc", "1.2.3.#", "1.2.3.4.5"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.COMPOSER, bad);
    }
}
