package io.spyglass.catalog.rpm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * The rpm database in its three formats (told by signature, so each target starts from seeds of its format).
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class RpmDbFuzzTest {
    private final RpmCataloger cataloger = new RpmCataloger();

    @FuzzTest(maxDuration = "5m")
    void sqlite(byte[] input) {
        parse("var/lib/rpm/rpmdb.sqlite", input);
    }

    @FuzzTest(maxDuration = "5m")
    void berkeleyDb(byte[] input) {
        parse("var/lib/rpm/Packages", input);
    }

    @FuzzTest(maxDuration = "5m")
    void ndb(byte[] input) {
        parse("usr/lib/sysimage/rpm/Packages.db", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
