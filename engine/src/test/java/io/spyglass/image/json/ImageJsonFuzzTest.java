package io.spyglass.image.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spyglass.image.InvalidManifestException;
import org.junit.jupiter.api.Timeout;

/**
 * Manifests, indexes and image configs from any bytes, as the engine reads them from a registry,
 * an OCI layout or an archive. Property: {@link JsonToImageTranslator} returns a model or throws
 * {@link InvalidManifestException} (its documented "every problem"); nothing else escapes.
 */
@Timeout(30)
class ImageJsonFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void manifest(byte[] input) {
        try {
            JsonToImageTranslator.toManifestDocument(input, null);
        } catch (InvalidManifestException badInput) {
            // allowed
        }
    }

    @FuzzTest(maxDuration = "5m")
    void config(byte[] input) {
        try {
            JsonToImageTranslator.toConfig(input);
        } catch (InvalidManifestException badInput) {
            // allowed
        }
    }
}
