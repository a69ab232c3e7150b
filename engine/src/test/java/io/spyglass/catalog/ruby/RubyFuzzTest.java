package io.spyglass.catalog.ruby;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.catalog.FileEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;

/**
 * Installed gemspecs and an application's Gemfile.lock.
 * Property: the cataloger returns packages and unknowns, or throws {@link IOException} (the
 * {@code Cataloger} contract's one exception, which the walker turns into an Unknown naming the
 * file); no other exception or error escapes, and no input takes longer than the timeout.
 */
@Timeout(30)
class RubyFuzzTest {
    private final RubyCataloger cataloger = new RubyCataloger();

    @FuzzTest(maxDuration = "5m")
    void gemspec(byte[] input) {
        parse("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", input);
    }

    @FuzzTest(maxDuration = "5m")
    void gemfileLock(byte[] input) {
        parse("app/Gemfile.lock", input);
    }

    private void parse(String path, byte[] input) {
        try {
            cataloger.parse(new FileEntry(path, input.length, 0755), new ByteArrayInputStream(input));
        } catch (IOException badInput) {
            // allowed: see the class comment
        }
    }
}
