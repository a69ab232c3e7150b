package io.spyglass.advisory.source.osv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 timestamps as feeds write them: with or without fraction, {@code Z} or an offset ({@code +0000} too), or a bare date. */
public final class OsvDates {
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]xx");

    private OsvDates() {}

    public static Instant instant(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                if (t.length() == 10) return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (t.matches(".*([+-]\\d{4}|Z)$")) return OffsetDateTime.parse(t, COMPACT_OFFSET).toInstant();
                // NVD writes local timestamps that are UTC: 2020-07-15T17:15:11.797
                return java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        }
    }
}
