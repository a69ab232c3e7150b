package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GemVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0.0", "1.0.a < 1.0", "1.0.a10 > 1.0.a9", "1.0.a2 = 1.0.a.2", "1.0-rc1 < 1.0", "1.0.b1 > 1.0.a.2",
            "3.10 > 3.2", "1.2.3 < 1.2.10", "5.2.4.3 > 5.2.4", "1.0-rc1 = 1.0.pre.rc1", "1.0-rc1 < 1.0.rc1", "'' = 0"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.GEM, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1beta", "a", "1..0", "1.0 x", "1.0_1"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.GEM, bad);
    }
}
