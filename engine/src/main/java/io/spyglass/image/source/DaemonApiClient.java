package io.spyglass.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The two calls of the Docker Engine API that reading a local image needs, over the daemon's unix
 * socket or plain tcp: inspect ({@code GET /images/{name}/json}: does the daemon have it?) and save
 * ({@code GET /images/{name}/get}: the image as a {@code docker save} tar, streamed). podman's API
 * answers the same calls. HttpClient 5.6 connects to the unix socket and decodes the chunked body.
 * Paths carry no API version: the daemon then answers with its own, which every daemon accepts.
 */
final class DaemonApiClient implements AutoCloseable {
    // what docker itself accepts as a reference: name[:tag][@digest], nothing that needs escaping in a path
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DaemonEndpoint endpoint;
    private final CloseableHttpClient http;

    DaemonApiClient(DaemonEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                                // a big image may take the daemon a while between two chunks
                                .setSocketTimeout(Timeout.ofMinutes(10)).build())
                        .build())
                .disableAutomaticRetries().disableRedirectHandling().useSystemProperties().build();
    }

    /** Whether the daemon has {@code name}; a daemon that cannot be reached throws {@link DaemonUnavailableException}. */
    boolean hasImage(String name) throws IOException {
        return call(name, "json", (code, body) -> {
            if (code == 200) return true;
            if (code == 404) return false;
            throw failure(code, body, name);
        });
    }

    /** Streams {@code docker save NAME} into {@code target}. */
    void save(String name, Path target) throws IOException {
        call(name, "get", (code, body) -> {
            if (code != 200) throw failure(code, body, name);
            try (OutputStream out = Files.newOutputStream(target)) {
                body.transferTo(out);
            }
            return null;
        });
    }

    private interface Answer<T> {
        T read(int code, InputStream body) throws IOException;
    }

    private <T> T call(String name, String what, Answer<T> answer) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) throw new ImageSourceException("'" + name + "' is not an image name");
        HttpGet get = new HttpGet(base() + "/images/" + name + "/" + what);
        RequestConfig.Builder config = RequestConfig.custom();
        if (endpoint.socket() != null) config.setUnixDomainSocket(endpoint.socket());
        get.setConfig(config.build());
        ClassicHttpResponse response;
        try {
            response = http.executeOpen(null, get, null);
        } catch (IOException e) {
            throw unreachable(e);
        }
        try (response) {
            HttpEntity entity = response.getEntity();
            InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
            return answer.read(response.getCode(), body);
        }
    }

    private String base() {
        return endpoint.socket() != null ? "http://localhost" : "http://" + endpoint.host() + ":" + endpoint.port();
    }

    /** One line that says why the daemon could not be asked, and what to check. */
    private DaemonUnavailableException unreachable(IOException e) {
        String m = String.valueOf(e.getMessage());
        String daemon = endpoint.daemon() + " daemon";
        if (e instanceof NoSuchFileException || m.contains("No such file")) {
            return new DaemonUnavailableException("no " + daemon + " at " + endpoint + ": the socket does not exist (is it running? "
                    + hint() + ")", e);
        }
        if (e instanceof AccessDeniedException || m.contains("Permission denied")) {
            return new DaemonUnavailableException("permission denied on " + endpoint + ": this user may not use the " + daemon
                    + (endpoint.daemon().equals("Docker") ? " (join the docker group, or run as root)" : ""), e);
        }
        if (e instanceof ConnectException || m.contains("Connection refused")) {
            return new DaemonUnavailableException("the " + daemon + " at " + endpoint + " is not running (connection refused; " + hint() + ")", e);
        }
        return new DaemonUnavailableException("cannot reach the " + daemon + " at " + endpoint + ": " + m, e);
    }

    private String hint() {
        return endpoint.daemon().equals("Docker") ? "DOCKER_HOST names another daemon" : "CONTAINER_HOST names another socket";
    }

    private ImageSourceException failure(int code, InputStream body, String name) throws IOException {
        String message = new String(body.readNBytes(4096), StandardCharsets.UTF_8).strip();
        try {
            JsonNode json = JSON.readTree(message);
            if (json != null && json.hasNonNull("message")) message = json.get("message").asText();
        } catch (IOException notJson) {
            // the body as it came, cut above
        }
        if (code == 404) return new ImageSourceException("the " + endpoint.daemon() + " daemon has no image '" + name + "' (" + message + ")");
        return new ImageSourceException("the " + endpoint.daemon() + " daemon at " + endpoint + " answered " + code + " for image '"
                + name + "': " + message);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** The daemon could not be asked at all (no socket, not running, no permission): the message says which. */
    static final class DaemonUnavailableException extends ImageSourceException {
        DaemonUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
