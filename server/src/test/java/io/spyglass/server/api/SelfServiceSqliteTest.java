package io.spyglass.server.api;

import io.spyglass.server.registry.ServerFixture;
import java.nio.file.Path;

/** The self-service refusals on SQLite and a blob folder. */
class SelfServiceSqliteTest extends SelfServiceSuite {
    @Override
    protected ServerFixture startFixture(Path dir) throws Exception {
        return ServerFixture.sqliteAndFolder(dir.resolve("data"));
    }
}
