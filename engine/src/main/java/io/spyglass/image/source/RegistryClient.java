package io.spyglass.image.source;

import io.spyglass.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Pushes and pulls an OCI artifact by the Distribution API (advisory data, not images): blobs by
 * digest, one manifest by tag. Auth is the pull path's ({@link RegistryAuth}: a 401 challenge
 * answered once, credentials from {@link RegistryOptions}), with push scope when pushing.
 * https always, except plain http to a loopback host or with {@code insecure}.
 */
public final class RegistryClient {
    private final ImageReference.Registry reference;
    private final HttpClient http;
    private final RegistryAuth auth;
    private final URI base;
    private final String scope;
    private String authorization;

    /** A pulled manifest: its bytes, their digest, and the Content-Type the registry gave. */
    public record Manifest(byte[] bytes, Digest digest, String mediaType) {}

    private RegistryClient(ImageReference.Registry reference, RegistryOptions options, boolean push) {
        this.reference = reference;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15)).build();
        boolean plain = options.insecure() || RegistrySource.isLoopback(reference.host());
        this.base = URI.create((plain ? "http://" : "https://") + reference.host());
        this.auth = new RegistryAuth(http, options, reference.host());
        this.scope = "repository:" + reference.repository() + (push ? ":pull,push" : ":pull");
    }

    /** For {@code HOST[:PORT]/NS/REPO[:TAG|@DIGEST]}; the error names what is malformed. */
    public static RegistryClient open(String hostRepoTag, RegistryOptions options, boolean push) {
        if (hostRepoTag.contains("://")) throw new IllegalArgumentException("'" + hostRepoTag + "': expected REGISTRY/NS/REPO:TAG");
        return new RegistryClient((ImageReference.Registry) ImageReference.parse("registry://" + hostRepoTag), options, push);
    }

    /** The tag or digest named. */
    public String reference() {
        return reference.reference();
    }

    public String describe() {
        return reference.host() + "/" + reference.repository() + (reference.digest() != null ? "@" + reference.digest() : ":" + reference.tag());
    }

    /** The manifest named by the reference, checked against its digest when the reference has one. */
    public Manifest manifest(String accept) throws IOException {
        HttpResponse<InputStream> r = send("GET", "/manifests/" + reference.reference(), accept, null, null);
        expect(r, 200, "manifest " + reference.reference());
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = SmallBlobs.read(in, "manifest");
        }
        if (reference.digest() != null) SmallBlobs.verify(bytes, reference.digest(), "manifest");
        return new Manifest(bytes, SmallBlobs.digest(bytes, "sha256"), r.headers().firstValue("Content-Type").orElse(null));
    }

    /** A blob's content; reading it to the end fails when it does not match {@code digest}. */
    public InputStream openBlob(Digest digest) throws IOException {
        HttpResponse<InputStream> r = send("GET", "/blobs/" + digest, "*/*", null, null);
        for (int i = 0; i < 5 && r.statusCode() / 100 == 3 && r.headers().firstValue("Location").isPresent(); i++) {
            r.body().close();
            URI next = r.uri().resolve(r.headers().firstValue("Location").get());
            // blob storage behind a redirect has its own auth (signed URL); never send it our token
            String keep = authorization;
            if (!next.getAuthority().equals(base.getAuthority())) authorization = null;
            try {
                r = once(next, "GET", "*/*", null, null);
            } finally {
                authorization = keep;
            }
        }
        expect(r, 200, "blob " + digest);
        return new DigestingInputStream(r.body(), digest);
    }

    public boolean hasBlob(Digest digest) throws IOException {
        HttpResponse<InputStream> r = send("HEAD", "/blobs/" + digest, "*/*", null, null);
        r.body().close();
        return r.statusCode() == 200;
    }

    /** Uploads {@code file} as blob {@code digest} in one PUT (the registry checks the digest). */
    public void pushBlob(Digest digest, Path file) throws IOException {
        HttpResponse<InputStream> start = send("POST", "/blobs/uploads/", "*/*", null, null);
        expect(start, 202, "blob upload");
        start.body().close();
        String location = start.headers().firstValue("Location")
                .orElseThrow(() -> new ImageSourceException(describe() + ": blob upload answered without a Location"));
        URI upload = base.resolve(location);
        // our credentials go only to the registry we were given, never to a host an answer names
        if (!base.getAuthority().equals(upload.getAuthority())) {
            throw new ImageSourceException(describe() + ": blob upload redirected to another host (" + upload.getAuthority() + ")");
        }
        String query = (upload.getRawQuery() == null ? "" : upload.getRawQuery() + "&") + "digest=" + digest;
        URI put = URI.create(upload.getScheme() + "://" + upload.getRawAuthority() + upload.getRawPath() + "?" + query);
        HttpResponse<InputStream> r = sendTo(put, "PUT", "*/*", "application/octet-stream", HttpRequest.BodyPublishers.ofFile(file));
        expect(r, 201, "blob " + digest);
        r.body().close();
    }

    /** Puts {@code bytes} as the manifest of the reference's tag; returns its digest. */
    public Digest pushManifest(byte[] bytes, String mediaType) throws IOException {
        HttpResponse<InputStream> r = send("PUT", "/manifests/" + reference.reference(), "*/*", mediaType,
                HttpRequest.BodyPublishers.ofByteArray(bytes));
        expect(r, 201, "manifest " + reference.reference());
        r.body().close();
        return SmallBlobs.digest(bytes, "sha256");
    }

    private HttpResponse<InputStream> send(String method, String path, String accept, String contentType,
                                           HttpRequest.BodyPublisher body) throws IOException {
        return sendTo(URI.create(base + "/v2/" + reference.repository() + path), method, accept, contentType, body);
    }

    /** One request, answering one auth challenge; a body is a file or bytes, so it can be sent twice. */
    private HttpResponse<InputStream> sendTo(URI uri, String method, String accept, String contentType,
                                             HttpRequest.BodyPublisher body) throws IOException {
        HttpResponse<InputStream> r = once(uri, method, accept, contentType, body);
        if (r.statusCode() == 401) {
            r.body().close();
            authorization = auth.answer(WwwAuthenticate.parse(r.headers().firstValue("WWW-Authenticate").orElse(null)), scope);
            r = once(uri, method, accept, contentType, body);
        }
        return r;
    }

    private HttpResponse<InputStream> once(URI uri, String method, String accept, String contentType,
                                           HttpRequest.BodyPublisher body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (contentType != null) b.header("Content-Type", contentType);
        if (authorization != null) b.header("Authorization", authorization);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + describe(), e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " for " + describe() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (uri.getScheme().equals("https") ? " (a plain-http registry needs --insecure)" : ""), e);
        }
    }

    private void expect(HttpResponse<InputStream> r, int status, String what) throws IOException {
        if (r.statusCode() == status) return;
        String text;
        try (InputStream in = r.body()) {
            text = new String(in.readNBytes(2048), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        }
        String body = text.isEmpty() ? "" : ": " + text;
        throw switch (r.statusCode()) {
            case 401, 403 -> new ImageSourceException(describe() + ": access to " + what + " denied (HTTP " + r.statusCode() + ")" + body);
            case 404 -> new ImageSourceException(describe() + ": " + what + " not found" + body);
            default -> new ImageSourceException(describe() + ": " + what + " failed with HTTP " + r.statusCode() + body);
        };
    }
}
