package io.spyglass.advisory;

import java.time.LocalDate;

/** A CISA Known Exploited Vulnerabilities catalogue entry. {@code ransomware} is CISA's "Known"/"Unknown". */
public record KevEntry(String id, String vendor, String product, String name, LocalDate dateAdded, LocalDate dueDate,
                       String requiredAction, String ransomware) implements SourceRecord {
    public KevEntry {
        if (id == null || !id.startsWith("CVE-")) throw new InvalidAdvisoryException("KEV entry without a CVE id: " + id);
        if (dateAdded == null) throw new InvalidAdvisoryException("KEV entry " + id + " without dateAdded");
    }

    public boolean knownRansomwareUse() {
        return "Known".equalsIgnoreCase(ransomware);
    }
}
