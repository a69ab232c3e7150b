package io.spyglass.server.api;

import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.testing.PostgresS3Stack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/** The self-service refusals on PostgreSQL and S3 (s3proxy), as {@code serve --db-url … --blob-store s3://…} runs. */
class SelfServicePostgresTest extends SelfServiceSuite {
    private PostgresS3Stack stack;

    @Override
    protected ServerFixture startFixture(Path dir) throws Exception {
        stack = PostgresS3Stack.start(dir);
        return ServerFixture.start(stack.config(dir.resolve("data")));
    }

    @AfterAll
    void stopStack() throws Exception {
        if (stack != null) stack.close();
    }
}
