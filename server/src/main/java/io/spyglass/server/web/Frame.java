package io.spyglass.server.web;

/**
 * What the layout around every page needs: the title, who is looking, the form token and the
 * search box text.
 *
 * @param viewer         the signed-in user, or null for an anonymous visitor
 * @param csrfToken      the session's synchroniser token, put into every form ("" when anonymous)
 * @param refreshSeconds above 0 the page reloads itself after that many seconds (analysis running)
 */
record Frame(String title, Viewer viewer, String csrfToken, String query, boolean signupOpen, int refreshSeconds) {
    Frame {
        title = title == null ? "" : title;
        csrfToken = csrfToken == null ? "" : csrfToken;
        query = query == null ? "" : query;
        if (refreshSeconds < 0) {
            throw new IllegalArgumentException("refreshSeconds must not be negative: " + refreshSeconds);
        }
    }

    static Frame anonymous(String title) {
        return new Frame(title, null, "", "", true, 0);
    }

    Frame titled(String newTitle) {
        return new Frame(newTitle, viewer, csrfToken, query, signupOpen, refreshSeconds);
    }

    Frame refreshingEvery(int seconds) {
        return new Frame(title, viewer, csrfToken, query, signupOpen, seconds);
    }

    boolean signedIn() {
        return viewer != null;
    }
}
