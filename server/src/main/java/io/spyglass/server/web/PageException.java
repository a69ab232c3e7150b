package io.spyglass.server.web;

/**
 * Stops a page handler and shows the error page with this status and sentence. Thrown only by the
 * web package, so its handler never touches the registry's or the API's errors.
 */
final class PageException extends RuntimeException {
    private final int status;

    PageException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    /** The same answer for "does not exist" and "exists but you may not see it". */
    static PageException notFound() {
        return new PageException(404, "There is nothing here, or you are not allowed to see it.");
    }

    static PageException forbidden(String why) {
        return new PageException(403, why);
    }

    int status() {
        return status;
    }
}
