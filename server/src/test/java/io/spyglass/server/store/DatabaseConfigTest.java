package io.spyglass.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A database URL shown in a message or a log never shows its password. */
class DatabaseConfigTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://db:5432/spyglass?user=app&password=s3cret          | jdbc:postgresql://db:5432/spyglass?user=app&password=****",
            "jdbc:postgresql://db/spyglass?password=s3cret&ssl=true               | jdbc:postgresql://db/spyglass?password=****&ssl=true",
            "jdbc:postgresql://db/spyglass?sslmode=require&sslpassword=s3cret     | jdbc:postgresql://db/spyglass?sslmode=require&sslpassword=****",
            "jdbc:postgresql://db/spyglass?PASSWORD=s3cret                        | jdbc:postgresql://db/spyglass?PASSWORD=****",
            "jdbc:postgresql://app:s3cret@db:5432/spyglass                        | jdbc:postgresql://app:****@db:5432/spyglass",
            "jdbc:postgresql://app:s3@cr:et@db/spyglass?password=s3cret           | jdbc:postgresql://app:****@db/spyglass?password=****",
            "jdbc:postgresql://db:5432/spyglass?user=app                          | jdbc:postgresql://db:5432/spyglass?user=app",
            "jdbc:sqlite:/var/lib/spyglass/data/spyglass.db                       | jdbc:sqlite:/var/lib/spyglass/data/spyglass.db",
    })
    void passwordsAreMasked(String url, String shown) {
        DatabaseConfig config = new DatabaseConfig(url, "app", "other-secret");
        assertThat(config.redactedUrl()).isEqualTo(shown);
        assertThat(config.toString()).isEqualTo("DatabaseConfig[" + shown + ", user app]").doesNotContain("s3cret", "other-secret");
    }

    @Test
    void aMessageQuotingAUrlKeepsItsOtherWords() {
        assertThat(DatabaseConfig.redact("cannot open 'jdbc:postgresql://app:s3cret@db/x?password=s3cret' (refused); user app"))
                .isEqualTo("cannot open 'jdbc:postgresql://app:****@db/x?password=****' (refused); user app");
    }

    @Test
    void anUnsupportedUrlIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:mysql://app:s3cret@db/spyglass?password=s3cret", null, null))
                .hasMessageStartingWith("unsupported database URL 'jdbc:mysql://app:****@db/spyglass?password=****' (want")
                .hasMessageNotContaining("s3cret");
    }
}
