package io.spyglass.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yaml cannot be run here (no Docker Engine, and the docker CLI has no compose plugin), so it is
 * parsed and checked: the services, the scale-out settings each node needs, no secret in the file, and
 * a proxy that reaches both nodes on the image's port.
 */
class ComposeFileTest {
    static final Path ROOT = SharedData.projectRoot();

    @Test
    void twoNodesOnPostgresAndS3BehindAProxyWithSecretsFromTheEnvironment() throws Exception {
        // SnakeYAML (under Jackson's YAML) resolves anchors and merge keys as compose does; Jackson's tree would not
        Object yaml = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
        JsonNode services = new ObjectMapper().valueToTree(yaml).path("services");
        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("postgres", "minio", "minio-bucket", "spyglass-a", "spyglass-b", "proxy");
        for (String node : new String[] {"spyglass-a", "spyglass-b"}) {
            JsonNode service = services.path(node);
            JsonNode env = service.path("environment");
            assertThat(env.path("SPYGLASS_DB_URL").asText()).startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(env.path("SPYGLASS_BLOB_STORE").asText()).startsWith("s3://").contains("endpoint=http://minio:9000");
            assertThat(service.path("depends_on").has("postgres")).isTrue();
            assertThat(service.path("volumes").get(0).asText()).endsWith(":/data");
        }
        // every password is the environment's, never a value written in the file
        for (JsonNode service : services) {
            for (Iterator<Map.Entry<String, JsonNode>> it = service.path("environment").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().contains("PASSWORD") || e.getKey().contains("SECRET")) {
                    assertThat(e.getValue().asText()).as(e.getKey()).matches("\\$\\{[A-Z_]+:\\?.*}");
                }
            }
        }
        String nginx = Files.readString(ROOT.resolve(services.path("proxy").path("volumes").get(0).asText().split(":")[0]));
        assertThat(nginx).contains("server spyglass-a:5000;", "server spyglass-b:5000;", "client_max_body_size 0;");
    }
}
