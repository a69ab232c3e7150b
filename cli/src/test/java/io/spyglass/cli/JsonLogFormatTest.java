package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spyglass serve --log-format json}: every line is a JSON object, and a request's lines carry its id. */
class JsonLogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineParsesAndCarriesTheRequestIdTheResponseShowed(@TempDir Path data) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--data", data.toString(), "--offline", "--log-format", "json");
        Process serve = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
            List<JsonNode> lines = new ArrayList<>();
            int port = -1;
            Pattern listening = Pattern.compile("Spyglass listening on port (\\d+)");
            for (String line; port < 0 && (line = err.readLine()) != null; ) {
                JsonNode json = JSON.readTree(line); // throws on a line that is not JSON
                lines.add(json);
                Matcher m = listening.matcher(json.path("message").asText());
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            assertThat(port).as("the server said where it listens").isPositive();
            assertThat(lines).allSatisfy(l -> assertThat(l.fieldNames()).toIterable().contains("time", "level", "logger", "message"));

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
            JsonNode access = null;
            for (String line; access == null && (line = err.readLine()) != null; ) {
                JsonNode json = JSON.readTree(line);
                if (id.equals(json.path("requestId").asText())) access = json;
            }
            assertThat(access).as("a log line with request id " + id).isNotNull();
            assertThat(access.path("message").asText()).contains("GET /v2/ " + answer.statusCode());
            assertThat(access.path("level").asText()).isEqualTo("INFO");
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anExceptionIsOneStringField() throws Exception {
        JsonLogEncoder encoder = new JsonLogEncoder();
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        encoder.setContext(context);
        encoder.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.spyglass.Test"), Level.ERROR, "failed {}",
                new IllegalStateException("boom \"quoted\""), new Object[] {"here"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("failed here");
        assertThat(json.path("exception").asText()).startsWith("java.lang.IllegalStateException: boom \"quoted\"").contains("\tat ");
        assertThat(json.has("requestId")).isFalse();
    }
}
