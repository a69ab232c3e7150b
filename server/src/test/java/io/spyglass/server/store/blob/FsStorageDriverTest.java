package io.spyglass.server.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver contract on a local folder, plus what only a folder has: temp files and path escapes. */
class FsStorageDriverTest extends StorageDriverContract {
    @TempDir
    Path root;

    @Override
    protected StorageDriver newDriver() throws Exception {
        return new FsStorageDriver(root);
    }

    @Override
    protected StorageDriver reopen() throws Exception {
        return new FsStorageDriver(root);
    }

    @Test
    void uncommittedWriteLeavesOnlyAHiddenTempFile() throws Exception {
        FsStorageDriver fs = new FsStorageDriver(root);
        StorageDriver.FileWriter w = fs.writer("blobs/x/data", false);
        OutputStream out = w.stream();
        out.write("half".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(fs.exists("blobs/x/data")).isFalse();
        assertThat(fs.list("blobs/x")).isEmpty();
        w.cancel();
        assertThat(root.resolve("blobs/x")).as("the temp file and its empty folder are gone").doesNotExist();
    }

    @Test
    void pathsNeverEscapeTheRoot() throws Exception {
        FsStorageDriver fs = new FsStorageDriver(root.resolve("inner"));
        assertThatThrownBy(() -> fs.reader("../outside", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.writer("a/../../outside", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fs.delete("..")).isInstanceOf(IllegalArgumentException.class);
    }
}
