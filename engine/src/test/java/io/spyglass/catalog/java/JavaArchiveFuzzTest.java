package io.spyglass.catalog.java;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Jars (with nested jars, {@code pom.properties}, manifests) from any bytes.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class JavaArchiveFuzzTest {
    private final JavaCataloger cataloger = new JavaCataloger();

    @FuzzTest(maxDuration = "5m")
    void jar(byte[] input) {
        parse("app/lib/app.jar", input);
    }

    /** {@code pom.properties} on its own (inside a jar it is reached only through the zip reader). */
    @FuzzTest(maxDuration = "5m")
    void pomProperties(byte[] input) {
        try {
            PomProperties.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IOException badInput) {
            // allowed: a pom.properties that does not name group, artifact and version
        }
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
