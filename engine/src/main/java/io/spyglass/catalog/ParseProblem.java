package io.spyglass.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;

/**
 * One line saying why a JSON/YAML document could not be read, for warnings and 4xx answers.
 * Jackson's own message carries {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
 * disabled); line: 1, column: 36]}, which tells a user nothing; this keeps the reason and the place.
 */
public final class ParseProblem {
    private ParseProblem() {}

    public static String describe(Exception e) {
        if (e instanceof JacksonException j && j.getOriginalMessage() != null) {
            String reason = clean(j.getOriginalMessage());
            JsonLocation at = j.getLocation();
            if (at == null || at.getLineNr() < 0) return reason;
            return reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return clean(message.lines().findFirst().orElse(""));
    }

    /** Drops the redacted source from a location Jackson printed inside the message. */
    static String clean(String message) {
        return message.replaceAll("\\[Source: REDACTED \\(`StreamReadFeature\\.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ", "[")
                .lines().findFirst().orElse("");
    }
}
