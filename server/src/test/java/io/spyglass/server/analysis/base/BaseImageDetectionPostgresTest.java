package io.spyglass.server.analysis.base;

import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.testing.PostgresS3Stack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** Base image detection and recommendations on PostgreSQL and S3 (s3proxy), as {@code serve --db-url … --blob-store s3://…} runs. */
class BaseImageDetectionPostgresTest extends BaseImageDetectionTest {
    private PostgresS3Stack stack;

    @Override
    protected ServerFixture startFixture(Path dir) throws Exception {
        stack = PostgresS3Stack.start(dir);
        return ServerFixture.start(stack.config(dir.resolve("data")));
    }

    @AfterAll
    void stopStack() throws Exception {
        // the server first: it still talks to the stack while it stops
        if (fx != null) fx.close();
        fx = null;
        if (stack != null) stack.close();
    }
}
