package io.spyglass.catalog.deb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * dpkg status files (stanzas) and distroless {@code status.d/} files from any bytes.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class DpkgStatusFuzzTest {
    private final DebCataloger cataloger = new DebCataloger();

    @FuzzTest(maxDuration = "5m")
    void status(byte[] input) {
        parse("var/lib/dpkg/status", input);
    }

    @FuzzTest(maxDuration = "5m")
    void statusD(byte[] input) {
        parse("var/lib/dpkg/status.d/libsqlite3-0", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
