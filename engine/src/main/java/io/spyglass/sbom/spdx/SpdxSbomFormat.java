package io.spyglass.sbom.spdx;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spyglass.sbom.Sbom;
import io.spyglass.sbom.SbomFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * SPDX 2.3 JSON ({@code spyglass sbom --format spdx}). SPDX requires a creation time; it comes from
 * {@code SOURCE_DATE_EPOCH} when set (reproducible builds' convention), else the clock. Everything
 * else is derived from the SBOM's content, so the same image gives the same document.
 */
public final class SpdxSbomFormat implements SbomFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Clock clock;

    public SpdxSbomFormat() {
        this(sourceDateEpoch());
    }

    public SpdxSbomFormat(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "spdx";
    }

    @Override
    public void write(Sbom sbom, OutputStream out) throws IOException {
        JSON.writeValue(out, new SpdxDocumentBuilder(sbom, clock.instant()).build());
        out.write('\n');
    }

    private static Clock sourceDateEpoch() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d{1,12}")) {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(epoch)), ZoneOffset.UTC);
        }
        return Clock.systemUTC();
    }
}
