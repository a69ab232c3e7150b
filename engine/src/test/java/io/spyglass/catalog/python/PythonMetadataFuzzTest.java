package io.spyglass.catalog.python;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * dist-info METADATA (and egg-info PKG-INFO, the same format) in a site folder.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class PythonMetadataFuzzTest {
    private final PythonCataloger cataloger = new PythonCataloger();

    @FuzzTest(maxDuration = "5m")
    void metadata(byte[] input) {
        parse("usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
