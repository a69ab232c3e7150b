package io.spyglass.server.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole registry suite against one running server. A storage stack runs it by extending this
 * class and starting its fixture in {@link #startFixture}: {@code SqliteFsRegistryTest} (default)
 * and the PostgreSQL + S3 one. The tests themselves live in the contract interfaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RegistrySuite implements ApiContract, UploadContract, ManifestContract, RightsContract, SkopeoContract, GcContract,
        CatalogContract, RepositoryDeletionContract, TokenScopeContract, SkopeoDeleteContract {
    private ServerFixture fixture;
    private Path dir;

    /** Starts the server under test with its data (and whatever else it needs) in {@code dir}. */
    protected abstract ServerFixture startFixture(Path dir) throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        dir = Files.createTempDirectory("spyglass-registry-suite");
        fixture = startFixture(dir);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (fixture != null) fixture.close();
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public ServerFixture fixture() {
        return fixture;
    }

    @Override
    public Path workDir() {
        return dir;
    }
}
