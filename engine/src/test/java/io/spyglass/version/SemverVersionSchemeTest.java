package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0.0 < 1.0.1", "1.0.0-alpha < 1.0.0", "1.0.0-alpha < 1.0.0-alpha.1", "1.0.0-alpha.1 < 1.0.0-alpha.beta",
            "1.0.0-beta.2 < 1.0.0-beta.11", "1.0.0-rc.1 < 1.0.0", "1.0.0+build = 1.0.0", "v1.2.3 = 1.2.3", "=1.2.3 = 1.2.3",
            "4.17.15 < 4.17.21", "1.0.0-1 < 1.0.0-a", "0.0.8 < 1.2.0"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.SEMVER, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "1.0", "1", "01.0.0", "1.0.0-", "1.0.0-01", "1.0.0.0", "latest"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.SEMVER, bad);
    }
}
