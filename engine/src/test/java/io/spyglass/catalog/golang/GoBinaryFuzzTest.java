package io.spyglass.catalog.golang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Go build info in executables: the inline (Go 1.18+) header, and the pre-1.18 pointer header resolved through ELF segments.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class GoBinaryFuzzTest {
    private final GoCataloger cataloger = new GoCataloger();

    @FuzzTest(maxDuration = "5m")
    void buildInfo(byte[] input) {
        parse("usr/local/bin/app", input);
    }

    @FuzzTest(maxDuration = "5m")
    void legacyElf(byte[] input) {
        parse("usr/local/bin/legacy", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
