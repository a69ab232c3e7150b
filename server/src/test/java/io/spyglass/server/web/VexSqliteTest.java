package io.spyglass.server.web;

import java.nio.file.Path;

/** VEX on SQLite and a blob folder, as {@code serve --data DIR} runs. */
class VexSqliteTest extends VexContract {
    @Override
    protected WebServer startServer(Path dir) throws Exception {
        return WebServer.start(dir);
    }
}
