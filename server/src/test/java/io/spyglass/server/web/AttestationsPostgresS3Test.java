package io.spyglass.server.web;

import io.spyglass.server.testing.PostgresS3Stack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** {@link AttestationsPageTest} on PostgreSQL and S3 (s3proxy), as {@code serve --db-url … --blob-store s3://…} runs. */
class AttestationsPostgresS3Test extends AttestationsPageTest {
    private PostgresS3Stack stack;

    @Override
    WebServer startServer(Path dir) throws Exception {
        stack = PostgresS3Stack.start(dir.resolve("stack"));
        return WebServer.start(stack.config(dir.resolve("server")));
    }

    @AfterEach
    void stopStack() throws Exception {
        if (stack != null) stack.close();
    }
}
