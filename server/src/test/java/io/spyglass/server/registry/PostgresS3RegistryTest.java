package io.spyglass.server.registry;

import io.spyglass.server.testing.PostgresS3Stack;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * The registry suite on the scale-out stack: a real PostgreSQL (Debian's, started once per JVM)
 * and a real S3 implementation (s3proxy in this JVM), exactly the code paths of
 * {@code serve --db-url jdbc:postgresql://… --blob-store s3://…}.
 */
class PostgresS3RegistryTest extends RegistrySuite {
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
