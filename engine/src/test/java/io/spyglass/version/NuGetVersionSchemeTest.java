package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NuGetVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0.0 = 1.0", "1.0 = 1.0.0.0", "1.0.0-BETA = 1.0.0-beta", "1.0.0-beta < 1.0.0", "1.0.0.1 > 1.0.0",
            "1.0.0-beta.2 < 1.0.0-beta.10", "1.0.0+meta = 1.0.0", "13.0.1 > 12.0.3", "1.0.01 = 1.0.1"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.NUGET, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "1.0.0.0.0", "v1.0", "1.0.0-", "2147483648.0", "abc"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.NUGET, bad);
    }
}
