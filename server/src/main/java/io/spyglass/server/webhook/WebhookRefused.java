package io.spyglass.server.webhook;

/**
 * A webhook target the address policy refuses, or a receiver that answered with a redirect. An
 * {@link IllegalArgumentException}, so the job queue fails the delivery for good instead of retrying it.
 */
public final class WebhookRefused extends IllegalArgumentException {
    public WebhookRefused(String message) {
        super(message);
    }
}
