package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApkVersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 < 1.0.1", "1.0_rc1 < 1.0", "1.0_p1 > 1.0", "1.0-r1 < 1.0-r2", "3.3.2-r0 < 3.3.2-r1",
            "1.0a < 1.0b", "1.0_alpha < 1.0_beta", "1.0_git20240101 > 1.0", "1.02 < 1.1", "1.0~abc = 1.0~abc",
            "2.10 > 2.9", "1.2.3_pre2 < 1.2.3_rc1",
            // issue 15: apk-tools 2 reads a digit after the letter as a number (p1 < p2); apk-tools 3 stops there
            // and answers '=' for both, so apk 2's reading decides
            "1.9.5p1 < 1.9.5p2", "1.9.5p2-r0 > 1.9.5p1-r1", "1.9.5p2-r0 < 1.9.12-r0",
            // apk-tools 2: an empty number is 0; a letter sorts below a post-release suffix (both tools agree)
            "0..1 < 0..2", "6.6.2p1 > 6.6.2_p1",
            // apk-tools 3's own version.data: an invalid version still orders up to its first bad token
            "1.0 < 1.0bc", ".1 < 1"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.APK, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", "?bad?", "-r1"})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.APK, bad);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.9.5p2", "0..1", "1-r", "a1", ".1"})
    void ordersButCallsInvalidWhatApk3Rejects(String v) {
        // apk_version_validate (apk-tools 3) rejects these; they are still ordered, as apk orders them
        assertThat(Schemes.APK.isValid(v)).isFalse();
        SchemeTable.assertOrder(Schemes.APK, v, "=", v);
    }
}
