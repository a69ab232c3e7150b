package io.spyglass.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The default user of an image, read from its config json ({@code config.User}; "" when unset). */
public final class ImageUser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageUser() {}

    public static String of(byte[] configJson) throws IOException {
        JsonNode config = JSON.readTree(configJson);
        if (config == null || !config.isObject()) throw new IOException("image config is not a JSON object");
        return config.path("config").path("User").asText("");
    }
}
