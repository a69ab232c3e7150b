package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpmVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 < 1.0.1", "1.0~rc1 < 1.0", "1.0^git1 > 1.0", "1.0^git1 < 1.0.1", "1:1.0 > 2.0", "0:1.0-1 = 1.0-1",
            "3.0.7-27.el9 < 3.0.7-28.el9", "1.0-1.el9 < 1.0-1.el9_2", "2.0.1a > 2.0.1", "1.0 < 1.0-1", "1.0-1 = 1.0-01",
            "1.1.α = 1.1.β", "10xyz < 10.1xyz", "6.0 > 6.0~beta"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.RPM, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "-1", "1.0 2"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.RPM, bad);
    }
}
