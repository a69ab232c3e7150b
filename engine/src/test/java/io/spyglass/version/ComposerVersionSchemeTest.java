package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComposerVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0.0", "v1.0.0 = 1.0.0", "1.0-dev < 1.0a1", "1.0a1 < 1.0b1", "1.0b1 < 1.0RC1", "1.0RC1 < 1.0",
            "1.0 < 1.0pl1", "1.0-patch1 = 1.0pl1", "1.0.0-beta2 > 1.0.0-beta1", "2.x-dev > 2.5.0", "1.0.0@stable = 1.0.0",
            "5.4.1 < 5.4.10", "2021.01.02 > 2020.12.31", "1.0-alpha = 1.0a",
            // issue 15: Composer cannot normalise these, so PHP's version_compare orders them as written
            // (1.5.1.dev100 -> 1.5.1.dev.100: 'dev' is below a number; 'final' is no special form, so below one too)
            "1.5.1.dev100 < 1.5.1", "1.5.1.dev100 > 1.5.0", "2.0.0-final < 2.0.0", "4.3-2RC1 < 4.3-2RC2",
            "4.3-2 > 4.3-2beta1", "1.2.3.#.beta < 1.2.3",
            // Composer normalises 0.4.0-p1 to 0.4.0.0-patch1
            "0.4.0-p1 > 0.4.0",
            // strtol saturates at PHP_INT_MAX, so version_compare calls two huge numbers equal
            "99999999999999999999 = 99999999999999999998"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.COMPOSER, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", " "})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.COMPOSER, bad);
    }
}
