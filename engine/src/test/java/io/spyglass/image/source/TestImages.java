package io.spyglass.image.source;

import io.spyglass.catalog.walk.TestLayouts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Small OCI layouts for source tests (built by the walk tests' layout writer). */
final class TestImages {
    private TestImages() {}

    static Path multiPlatform(Path dir, List<String> platforms) throws IOException {
        return TestLayouts.multiPlatform(dir, platforms);
    }
}
