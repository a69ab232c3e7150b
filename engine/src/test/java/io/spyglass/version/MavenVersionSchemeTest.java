package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MavenVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 < 1.1", "1.0-alpha-1 < 1.0", "1.0-SNAPSHOT < 1.0", "1.0 = 1.0.0", "1.0.ga = 1", "1-final = 1",
            "1.0-rc1 < 1.0", "1.0-cr1 = 1.0-rc1", "1.0-sp1 > 1.0", "2.14.1 < 2.15.0", "2.17.0 > 2.16.0", "1.0-m1 < 1.0-rc1",
            "1.0.0.RELEASE = 1.0.0", "1.0-beta < 1.0-milestone", "1.0-xyz > 1.0", "1.0-1 > 1.0",
            // issue 15, as ComparableVersion 3.9.11's main prints them (tokens [1, [rc, [16]]] vs [1, [rc, [8, [beta]]]];
            // [1, 1, 31, [sec, [10]]] vs [1, 1, 31, [_noneautotype]]); Maven 3.2.5's ComparableVersion printed '<' for both
            "1.0.0-RC16 > 1.0.0.RC8-beta", "1.1.31.sec10 > 1.1.31_noneautotype"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.MAVEN, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "1.0 beta"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.MAVEN, bad);
    }
}
