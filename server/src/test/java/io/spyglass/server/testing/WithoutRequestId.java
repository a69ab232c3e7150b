package io.spyglass.server.testing;

import java.nio.charset.StandardCharsets;

/**
 * Every error body and page carries its request's id, which differs per request by design. Tests
 * that check two answers are the same (a private repository answers as a missing one) compare them
 * without it.
 */
public final class WithoutRequestId {
    private WithoutRequestId() {}

    public static String of(String body) {
        return body.replaceAll(",?\"requestId\":\"[^\"]*\"", "")
                .replaceAll("Request id\\s*(<code class=\"request-id\">)?[^<\\s]+(</code>)?", "Request id");
    }

    public static String of(byte[] body) {
        return of(new String(body, StandardCharsets.UTF_8));
    }
}
