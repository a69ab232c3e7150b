package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApkVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 < 1.0.1", "1.0_rc1 < 1.0", "1.0_p1 > 1.0", "1.0-r1 < 1.0-r2", "3.3.2-r0 < 3.3.2-r1",
            "1.0a < 1.0b", "1.0_alpha < 1.0_beta", "1.0_git20240101 > 1.0", "1.02 < 1.1", "1.0~abc = 1.0~abc",
            "2.10 > 2.9", "1.2.3_pre2 < 1.2.3_rc1"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.APK, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "a1", ".1", "-r1"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.APK, bad);
    }
}
