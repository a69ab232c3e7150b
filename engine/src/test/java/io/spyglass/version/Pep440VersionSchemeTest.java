package io.spyglass.version;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pep440VersionSchemeTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
            "1.0 = 1.0.0", "1.0.dev0 < 1.0a1", "1.0a1 < 1.0b1", "1.0b1 < 1.0rc1", "1.0rc1 < 1.0", "1.0 < 1.0.post1",
            "1.0.post1 < 1.1.dev0", "1!0.1 > 2.0", "1.0+local > 1.0", "1.0+abc < 1.0+1", "1.0ALPHA1 = 1.0a1", "1.0-1 = 1.0.post1",
            "v1.0 = 1.0", "1.0c1 = 1.0rc1", "1.0.preview2 = 1.0rc2", "2.0.0 > 2.0.0rc1", "1.0a1.dev1 < 1.0a1",
            "1.5.1.dev100 < 1.5.1",
            // issue 15, as packaging < 22's LegacyVersion (_legacy_cmpkey) orders them: every legacy version before
            // every PEP 440 one, then by parts ('-' is '*final-', words '*word', numbers padded to 8 digits)
            "2.0.0-final < 2.0.0", "2.0.0-final < 1.0", "0.4.0-p1 < 0.4.0-p2", "2019-09-12 < 2019-10-01",
            "0.2.0-n653 < 0.2.0-n700", "0.1-bulbasaur < 0.1-charmander", "1.0-foo = 1.0.0-foo", "1..0 < 1.0-foo"
    })
    void orders(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.PEP440, a, op, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<empty>", " "})
    void rejects(String bad) {
        SchemeTable.assertRejected(Schemes.PEP440, bad);
    }
}
