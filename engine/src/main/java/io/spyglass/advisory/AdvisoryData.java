package io.spyglass.advisory;

import java.util.ArrayList;
import java.util.List;

/** Everything a store holds, split by kind: what {@link AdvisoryIndex#build} needs. */
public record AdvisoryData(List<Advisory> advisories, List<NvdRecord> nvd, List<KevEntry> kev, List<EpssScore> epss) {
    public AdvisoryData {
        advisories = List.copyOf(advisories);
        nvd = List.copyOf(nvd);
        kev = List.copyOf(kev);
        epss = List.copyOf(epss);
    }

    /** Sorts mixed records by kind. */
    public static AdvisoryData of(List<? extends SourceRecord> records) {
        List<Advisory> a = new ArrayList<>();
        List<NvdRecord> n = new ArrayList<>();
        List<KevEntry> k = new ArrayList<>();
        List<EpssScore> e = new ArrayList<>();
        for (SourceRecord r : records) {
            if (r instanceof Advisory x) a.add(x);
            else if (r instanceof NvdRecord x) n.add(x);
            else if (r instanceof KevEntry x) k.add(x);
            else if (r instanceof EpssScore x) e.add(x);
        }
        return new AdvisoryData(a, n, k, e);
    }
}
