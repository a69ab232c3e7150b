package io.spyglass.catalog.php;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Composer's {@code vendor/composer/installed.json} and an application's {@code composer.lock}.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class ComposerFuzzTest {
    private final PhpCataloger cataloger = new PhpCataloger();

    @FuzzTest(maxDuration = "5m")
    void installedJson(byte[] input) {
        parse("app/vendor/composer/installed.json", input);
    }

    @FuzzTest(maxDuration = "5m")
    void composerLock(byte[] input) {
        parse("app/composer.lock", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
