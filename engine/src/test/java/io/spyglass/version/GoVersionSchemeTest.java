package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "v1.0.0 < v1.0.1", "v0.7.0 < v0.17.0", "0.7.0 = v0.7.0", "v1 = v1.0.0", "v1.2 = v1.2.0",
            "v2.0.0+incompatible = v2.0.0", "v0.0.0-20191109021931-daa7c04131f5 < v0.0.0-20200101000000-abcdefabcdef",
            "v0.0.0-20191109021931-daa7c04131f5 < v0.1.0", "v1.2.4-0.20191109021931-daa7c04131f5 > v1.2.3",
            "v1.2.4-0.20191109021931-daa7c04131f5 < v1.2.4", "v1.0.0-rc.1 < v1.0.0"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.GO, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "v1.2.3.4", "v01.0.0", "master", "v1.0.0-01"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.GO, bad);
    }
}
