package io.spyglass.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.EOFException;

/**
 * One line saying why something could not be read, for warnings and 4xx answers; never "null".
 * Jackson's own message carries {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
 * disabled); line: 1, column: 36]}, which tells a user nothing; this keeps the reason and the place.
 * Many JDK exceptions have no message at all ({@code ZipInputStream} throws a bare {@code
 * EOFException} for a cut-short jar): those are named by their cause or their kind.
 */
public final class ParseProblem {
    private ParseProblem() {}

    public static String describe(Throwable e) {
        if (e instanceof JacksonException j && j.getOriginalMessage() != null) {
            String reason = clean(j.getOriginalMessage());
            JsonLocation at = j.getLocation();
            if (at == null || at.getLineNr() < 0) return reason;
            return reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return clean(message(e));
    }

    /** The first real message down the cause chain; else what the innermost exception's kind says. */
    private static String message(Throwable e) {
        Throwable t = e;
        for (int depth = 0; depth < 10; depth++) {
            String m = t.getMessage();
            Throwable cause = t.getCause();
            // new IOException(cause) copies cause.toString() as its message: the cause says it better
            boolean copied = cause != null && cause.toString().equals(m);
            if (m != null && !m.isBlank() && !copied) return m.strip();
            if (cause == null || cause == t) break;
            t = cause;
        }
        return t instanceof EOFException ? "unexpected end of data (cut short)" : t.getClass().getSimpleName();
    }

    /** Drops the redacted source from a location Jackson printed inside the message. */
    static String clean(String message) {
        return message.replaceAll("\\[Source: REDACTED \\(`StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ", "[")
                .lines().findFirst().orElse("");
    }
}
