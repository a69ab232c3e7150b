package io.spyglass.server.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.image.Digest;
import org.junit.jupiter.api.Timeout;

/**
 * Pushed manifest bodies from any bytes, with each Content-Type a client may send. Property:
 * {@link ManifestParser} returns a record or refuses with a {@link RegistryException} of code
 * MANIFEST_INVALID (a 400 naming what was wrong); anything else would be a 500 for the client.
 */
@Timeout(30)
class ManifestParserFuzzTest {
    private static final Digest DIGEST = Digest.parse("sha256:" + "0".repeat(64));
    private static final String[] CONTENT_TYPES = {null, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST, "application/json"};

    @FuzzTest(maxDuration = "5m")
    void manifest(byte[] input) {
        // the last byte picks the Content-Type, so one seed file is one request
        String contentType = input.length == 0 ? null : CONTENT_TYPES[(input[input.length - 1] & 0xff) % CONTENT_TYPES.length];
        try {
            ManifestParser.parse(input, contentType, DIGEST);
        } catch (RegistryException e) {
            if (e.code() != OciErrorCode.MANIFEST_INVALID) throw e;
        }
    }
}
