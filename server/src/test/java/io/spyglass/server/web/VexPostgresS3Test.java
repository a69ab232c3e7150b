package io.spyglass.server.web;

import io.spyglass.server.testing.PostgresS3Stack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** VEX on PostgreSQL and S3 (s3proxy), as {@code serve --db-url … --blob-store s3://…} runs. */
class VexPostgresS3Test extends VexContract {
    private PostgresS3Stack stack;

    @Override
    protected WebServer startServer(Path dir) throws Exception {
        stack = PostgresS3Stack.start(dir);
        return WebServer.start(stack.config(dir.resolve("data")));
    }

    @AfterAll
    void stopStack() throws Exception {
        if (stack != null) stack.close();
    }
}
