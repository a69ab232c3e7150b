package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DpkgVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 < 1.0.1", "1.0~rc1 < 1.0", "1.0 < 1.0+b1", "1:0.9 > 2.0", "1.2.3-1~deb12u1 < 1.2.3-1",
            "2.36-9+deb12u4 < 2.36-9+deb12u10", "1.0a < 1.0b", "1.0-0 = 1.0", "0:1.0 = 1.0", "3.0.11-1~deb12u2 > 3.0.11-1~deb12u1",
            "1.0~~ < 1.0~", "1.0+dfsg-1 > 1.0-1", "7.88.1-10+deb12u5 > 7.88.1-10", "10 > 9"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.DPKG, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "a1.0", "1.0-", "x:1.0", "1.0 1", "1.0_1", ":1.0"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.DPKG, bad);
    }
}
