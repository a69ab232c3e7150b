package io.spyglass.catalog.npm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * package.json at a package position and the npm, yarn and pnpm lockfiles of an application root.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class NpmFuzzTest {
    private final NpmCataloger cataloger = new NpmCataloger();

    @FuzzTest(maxDuration = "5m")
    void packageJson(byte[] input) {
        parse("app/node_modules/left-pad/package.json", input);
    }

    @FuzzTest(maxDuration = "5m")
    void packageLock(byte[] input) {
        parse("app/package-lock.json", input);
    }

    @FuzzTest(maxDuration = "5m")
    void yarnLock(byte[] input) {
        parse("app/yarn.lock", input);
    }

    @FuzzTest(maxDuration = "5m")
    void pnpmLock(byte[] input) {
        parse("app/pnpm-lock.yaml", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
