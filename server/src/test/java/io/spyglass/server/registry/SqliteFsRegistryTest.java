package io.spyglass.server.registry;

import java.nio.file.Path;

/** The registry suite on the default stack: SQLite in WAL mode and blobs in a local folder. */
class SqliteFsRegistryTest extends RegistrySuite {
    @Override
    protected ServerFixture startFixture(Path dir) throws Exception {
        return ServerFixture.sqliteAndFolder(dir.resolve("data"));
    }
}
