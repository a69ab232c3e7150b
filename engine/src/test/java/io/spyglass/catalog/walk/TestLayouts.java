package io.spyglass.catalog.walk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Public entry to {@link TestLayout} for tests in other packages. */
public final class TestLayouts {
    private TestLayouts() {}

    /** A gzip-compressed tar holding one file. */
    public static byte[] gzipTar(String path, String content) throws IOException {
        return TestLayout.compress(new TestLayout.LayerBuilder().file(path, content).tar(), TestLayout.Compression.GZIP);
    }

    /** A one-layer image (an os-release and a *.pkgs file) for each platform, in one index. */
    public static Path multiPlatform(Path dir, List<String> platforms) throws IOException {
        return new TestLayout(dir)
                .layer(new TestLayout.LayerBuilder()
                        .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                        .file("db.pkgs", "musl 1.2.5-r0\n"), TestLayout.Compression.GZIP)
                .write(platforms);
    }
}
