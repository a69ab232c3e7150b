package io.spyglass.image.source;

import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.Image;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.MediaType;
import io.spyglass.image.Platform;
import io.spyglass.image.json.JsonToImageTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Pulls an image through the Distribution API ({@code /v2/<name>/manifests/<ref>},
 * {@code /v2/<name>/blobs/<digest>}). https always, except plain http to a loopback host or with
 * {@code insecure}. Manifests and configs are digest-checked; layer streams are checked at their end.
 */
final class RegistrySource implements ImageSource {
    private static final String ACCEPT = String.join(", ", List.of(
            MediaType.OCI_INDEX.value(), MediaType.OCI_MANIFEST.value(), MediaType.DOCKER_MANIFEST_LIST.value(),
            MediaType.DOCKER_MANIFEST.value(), MediaType.DOCKER_SCHEMA1_SIGNED.value()));
    private static final int MAX_REDIRECTS = 5;

    private final ImageReference.Registry reference;
    private final HttpClient http;
    private final RegistryAuth auth;
    private final URI base;
    private String authorization;

    RegistrySource(ImageReference.Registry reference, RegistryOptions options) {
        this.reference = reference;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15)).build();
        boolean plain = options.insecure() || isLoopback(reference.host());
        this.base = URI.create((plain ? "http://" : "https://") + reference.host());
        this.auth = new RegistryAuth(http, options, reference.host());
    }

    @Override
    public Image resolve(Platform platform) throws IOException {
        String ref = reference.reference();
        HttpResponse<InputStream> response = get("/manifests/" + ref, ACCEPT, "manifest " + ref);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = SmallBlobs.read(in, "manifest " + ref);
        }
        Digest digest = SmallBlobs.digest(bytes, reference.digest() == null ? "sha256" : reference.digest().algorithm());
        if (reference.digest() != null) SmallBlobs.verify(bytes, reference.digest(), "manifest");
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        ManifestDocument doc = JsonToImageTranslator.toManifestDocument(bytes, contentType);
        return new ManifestResolver(this::fetch, describe()).resolve(digest, doc, platform);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
        HttpResponse<InputStream> response = get("/blobs/" + digest, "*/*", "blob " + digest);
        return new DigestingInputStream(response.body(), digest);
    }

    @Override
    public String describe() {
        return reference.toString();
    }

    private byte[] fetch(Descriptor d, String what) throws IOException {
        boolean manifest = d.mediaType().isManifest() || d.mediaType().isIndex();
        String path = (manifest ? "/manifests/" : "/blobs/") + d.digest();
        try (InputStream in = get(path, manifest ? ACCEPT : "*/*", what + " " + d.digest()).body()) {
            return SmallBlobs.readVerified(in, d, what);
        }
    }

    /** GET {@code /v2/<name><path>}, answering one auth challenge and following redirects. */
    private HttpResponse<InputStream> get(String path, String accept, String what) throws IOException {
        URI uri = URI.create(base + "/v2/" + reference.repository() + path);
        HttpResponse<InputStream> response = send(uri, accept, authorization);
        if (response.statusCode() == 401) {
            discard(response);
            String scope = "repository:" + reference.repository() + ":pull";
            authorization = auth.answer(WwwAuthenticate.parse(response.headers().firstValue("WWW-Authenticate").orElse(null)), scope);
            response = send(uri, accept, authorization);
        }
        for (int i = 0; i < MAX_REDIRECTS && isRedirect(response.statusCode()); i++) {
            discard(response);
            URI next = uri.resolve(response.headers().firstValue("Location")
                    .orElseThrow(() -> new ImageSourceException(describe() + ": redirect without Location for " + what)));
            // blob storage behind a redirect has its own auth (signed URL); never send it our token
            response = send(next, accept, next.getAuthority().equals(base.getAuthority()) ? authorization : null);
            uri = next;
        }
        if (response.statusCode() == 200) return response;
        String body = errorBody(response);
        throw switch (response.statusCode()) {
            case 401, 403 -> new ImageSourceException(describe() + ": access to " + what + " denied (HTTP "
                    + response.statusCode() + ")" + body);
            case 404 -> new ImageSourceException(describe() + ": " + what + " not found" + body);
            default -> new ImageSourceException(describe() + ": " + what + " failed with HTTP " + response.statusCode() + body);
        };
    }

    private HttpResponse<InputStream> send(URI uri, String accept, String authorizationHeader) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept).GET();
        if (authorizationHeader != null) request.header("Authorization", authorizationHeader);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pulling " + describe(), e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " for " + describe()
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (uri.getScheme().equals("https") ? " (a plain-http registry needs --insecure)" : ""), e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static void discard(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            in.readNBytes(64 * 1024);
        }
    }

    /** The registry's error text (distribution errors json), shortened; never the whole body. */
    private static String errorBody(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            String text = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text.replaceAll("\\s+", " ");
        }
    }

    static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort;
        if (host.startsWith("[")) host = host.substring(1, host.indexOf(']'));
        else if (host.indexOf(':') >= 0) host = host.substring(0, host.indexOf(':'));
        if (host.equalsIgnoreCase("localhost")) return true;
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // never resolve a name to decide
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
