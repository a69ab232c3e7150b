package io.spyglass.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.AdvisoryData;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.advisory.source.Importers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Unknown;
import io.spyglass.match.Finding;
import io.spyglass.match.MatchKeys;
import io.spyglass.match.Matcher;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SBOMs written by other tools ({@code ../shared/data/sbom-samples}, origin in its README): what is
 * read from each, that two tools' documents of the same image give the same OS packages, and that
 * OS packages are matched through the source package the document names.
 */
class ForeignSbomSamplesTest {

    static Sbom read(String sample) throws IOException {
        return SbomFileReader.read(SharedData.require("data/sbom-samples/" + sample));
    }

    /** Counts by type, e.g. {@code apk=14 golang=2}. */
    static String counts(Sbom sbom) {
        return sbom.packages().stream().collect(Collectors.groupingBy(p -> p.type().id(), TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', nullValues = "-", value = {
            // file; distro namespace; counts by type; OS packages whose source differs from the name; warnings
            "syft/alpine-3.10.spdx.json; alpine:3.10; apk=3; 1; 0",
            "syft/alpine-3.15.0.spdx.json; alpine:3.15; apk=15; 7; 0",
            "syft/alpine-3.16.cdx.json; alpine:3.16; apk=14; 8; 0",
            "syft/alpine-3.16.spdx.json; alpine:3.16; apk=14; 8; 0",
            "syft/mongo-ubuntu-20.04.cdx.json; ubuntu:20.04; deb=153 golang=139; 117; 0",
            "syft/circleci-mongo.spdx.json; ubuntu:20.04; deb=153 golang=131; 117; 0",
            "syft/cockroach-ubi8-arm64.spdx.json; redhat:8; rpm=107; 37; 0",
            "syft/distroless-static-nonroot.cdx.json; debian:11; deb=3; 0; 0",
            "syft/kubectl-v1.28.1-amd64.spdx.json; debian:11; deb=3 golang=85; 0; 0",
            "trivy/circleci-mongo.spdx.json; ubuntu:20.04; deb=153; 117; 0",
            "trivy/cockroach-ubi8-arm64.spdx.json; redhat:8; rpm=107; 37; 0",
            "trivy/debian-12.9-ca-certificates.spdx.json; debian:12; deb=1; 0; 0",
            "trivy/maven-test-project.cdx.json; alpine:3.16; apk=1 composer=2 golang=1 maven=2 npm=1; 0; 0",
            "trivy/maven-test-project.spdx.json; alpine:3.16; apk=1 composer=2 golang=1 maven=1 npm=1; 0; 0",
            "trivy/demo-referrers-gobinary.cdx.json; -; golang=2; 0; 0",
            "trivy/npm-lockfile.cdx.json; -; npm=12; 0; 0",
            "trivy/maven-pom.cdx.json; -; maven=2; 0; 0",
            "trivy/minikube-kbom.cdx.json; ubuntu:22.04; golang=1; 0; 6",
            "apko/unbound-image.spdx.json; wolfi; apk=3 github=2; 0; 0",
            "melange/unbound-1.23.0-r0.spdx.json; wolfi; apk=1 github=2; 0; 0",
            "cyclonedx-npm/juice-shop-14.1.1.cdx.json; -; npm=1115; 0; 0",
            "cyclonedx-php-composer/laravel-7.12.0.cdx.json; -; composer=62; 0; 0",
            "k8s-bom/circleci-mongo.spdx.json; -; deb=152; 0; 1",
            "k8s-bom/hello-server-rust.spdx.json; -; deb=1; 0; 4",
            "bitnami/postgresql-17.2.0-debian-12.spdx.json; -; maven=3; 0; 16",
            "bitnami/elasticsearch-8.9.1.spdx.json; -; maven=4; 0; 1",
            "docker-dhi/dhi-python-3.14.3-debian13-dev.spdx.json; debian:13; ''; 0; 0",
            "docker-dhi/python-3.14.3.spdx.json; -; ''; 0; 1",
            "tern/photon-3.0.spdx.json; -; ''; 0; 36",
            "other/alpine-3.10.vendor.spdx.json; -; ''; 0; 2",
            "spdx-maven-plugin/examplemaven-0.0.1.spdx.json; -; ''; 0; 5",
    })
    void whatIsReadFromEachSample(String file, String namespace, String counts, long sourced, int warnings) throws IOException {
        Sbom sbom = read(file);
        assertThat(MatchKeys.distroNamespace(sbom.distro()).orElse(null)).isEqualTo(namespace);
        assertThat(counts(sbom)).isEqualTo(counts == null ? "" : counts);
        assertThat(sbom.packages().stream().filter(p -> p.type().isOsPackage() && !p.name().equals(p.sourceName())).count()).isEqualTo(sourced);
        assertThat(sbom.unknowns()).hasSize(warnings).allSatisfy(u -> {
            assertThat(u.path()).isEqualTo("sbom://" + SharedData.require("data/sbom-samples/" + file));
            assertThat(u.message()).doesNotContain("null");
        });
        // every OS package that can be matched carries the distro in its purl, as the image walk writes it
        if (namespace != null) {
            assertThat(sbom.packages().stream().filter(p -> p.type().isOsPackage()))
                    .allSatisfy(p -> assertThat(p.purl()).contains("distro=" + sbom.distro().purlQualifier()));
        }
    }

    @Test
    void aComponentThatCannotBeReadIsAWarningNamingIt() throws IOException {
        List<String> kbom = read("trivy/minikube-kbom.cdx.json").unknowns().stream().map(Unknown::message).toList();
        assertThat(kbom).anySatisfy(m -> assertThat(m).contains("'k8s.io/kubelet@1.27.0'").contains("purl type 'k8s'"));
        assertThat(kbom).anySatisfy(m -> assertThat(m).contains("'go.etcd.io/etcd/v3@3.5.7-0'").contains("has no purl"));
        List<String> tern = read("tern/photon-3.0.spdx.json").unknowns().stream().map(Unknown::message).toList();
        assertThat(tern).anySatisfy(m -> assertThat(m).contains("SPDXRef-bash-4.4.18-4.ph3 (bash)").contains("has no purl"));
        // k8s-bom names Ubuntu in the purls but no release: read, and said why they cannot be matched
        assertThat(read("k8s-bom/circleci-mongo.spdx.json").unknowns()).singleElement()
                .satisfies(u -> assertThat(u.message()).contains("152 OS packages").contains("no distro release for ubuntu"));
    }

    /** circleci/mongo and cockroach were scanned by syft and by trivy: the packages read must be the same. */
    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"syft/circleci-mongo.spdx.json, trivy/circleci-mongo.spdx.json",
            "syft/cockroach-ubi8-arm64.spdx.json, trivy/cockroach-ubi8-arm64.spdx.json",
            "syft/alpine-3.16.cdx.json, syft/alpine-3.16.spdx.json"})
    void twoToolsOnOneImageGiveTheSameOsPackages(String one, String other) throws IOException {
        Sbom a = read(one);
        Sbom b = read(other);
        assertThat(a.distro()).isEqualTo(b.distro());
        assertThat(osPackages(a)).isNotEmpty().containsExactlyElementsOf(osPackages(b));
    }

    // trivy (2022) writes no arch= qualifier, so the purl is compared without qualifiers other than distro, epoch and upstream
    private static List<String> osPackages(Sbom sbom) {
        return sbom.packages().stream().filter(p -> p.type().isOsPackage())
                .map(p -> String.join(" | ", p.type().id(), p.name(), p.version(), p.sourceName(), p.sourceVersion(),
                        p.purl().replaceAll("arch=[^&]*&?", "")))
                .toList();
    }

    @Test
    void rpmEpochAndSourceRpmFromEitherTool() throws IOException {
        for (String file : List.of("syft/cockroach-ubi8-arm64.spdx.json", "trivy/cockroach-ubi8-arm64.spdx.json")) {
            Package ssl = find(read(file), "openssl-libs");
            // trivy's versionInfo is "1.1.1k" (no release); the purl has the whole EVR
            assertThat(ssl.version()).as(file).isEqualTo("1:1.1.1k-7.el8_6");
            assertThat(ssl.sourceName()).isEqualTo("openssl");
            assertThat(ssl.sourceVersion()).isEqualTo("1.1.1k-7.el8_6");
            assertThat(ssl.purl()).isEqualTo("pkg:rpm/rhel/openssl-libs@1.1.1k-7.el8_6?arch=aarch64&distro=rhel-8.7&epoch=1"
                    + "&upstream=openssl-1.1.1k-7.el8_6.src.rpm");
        }
    }

    @Test
    void debSourceFromTrivySourceInfoAndSyftUpstream() throws IOException {
        for (String file : List.of("trivy/circleci-mongo.spdx.json", "syft/circleci-mongo.spdx.json")) {
            Package bsdutils = find(read(file), "bsdutils");
            assertThat(bsdutils.version()).isEqualTo("1:2.34-0.1ubuntu9.1");
            assertThat(bsdutils.sourceName()).isEqualTo("util-linux");
            assertThat(bsdutils.sourceVersion()).isEqualTo("2.34-0.1ubuntu9.1");
            Package libc = find(read(file), "libc6");
            assertThat(libc.sourceName()).isEqualTo("glibc");
            assertThat(libc.sourceVersion()).isEqualTo(libc.version());
        }
    }

    @Test
    void apkOriginFromOldSyftAlpinePurlsAndTrivyProperties() throws IOException {
        Package ssl = find(read("syft/alpine-3.15.0.spdx.json"), "libssl1.1");
        assertThat(ssl.type()).isEqualTo(PackageType.APK);
        assertThat(ssl.sourceName()).isEqualTo("openssl");
        assertThat(ssl.purl()).isEqualTo("pkg:apk/alpine/libssl1.1@1.1.1l-r7?arch=x86_64&distro=alpine-3.15.0&upstream=openssl");
        Package musl = find(read("trivy/maven-test-project.cdx.json"), "musl");
        assertThat(musl.sourceName()).isEqualTo("musl");
        assertThat(musl.purl()).isEqualTo("pkg:apk/alpine/musl@1.2.3-r0?distro=alpine-3.16.0&upstream=musl");
    }

    /**
     * Distro trackers name source packages, so a binary package must be looked up under its source
     * first, in the image's release: libssl1.1 under openssl, bsdutils under util-linux,
     * openssl-libs under openssl, whichever tool wrote the SBOM.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"syft/alpine-3.15.0.spdx.json, libssl1.1, alpine:3.15, openssl",
            "syft/alpine-3.10.spdx.json, ssl_client, alpine:3.10, busybox",
            "trivy/circleci-mongo.spdx.json, bsdutils, ubuntu:20.04, util-linux",
            "syft/mongo-ubuntu-20.04.cdx.json, bsdutils, ubuntu:20.04, util-linux",
            "trivy/cockroach-ubi8-arm64.spdx.json, openssl-libs, redhat:8, openssl",
            "syft/cockroach-ubi8-arm64.spdx.json, openssl-libs, redhat:8, openssl"})
    void osPackagesAreLookedUpUnderTheirSourcePackage(String file, String pkg, String namespace, String source) throws IOException {
        Sbom sbom = read(file);
        List<MatchKeys.Key> keys = MatchKeys.of(find(sbom, pkg), sbom.distro());
        assertThat(keys).extracting(k -> k.key().toString(), MatchKeys.Key::matchedBy).first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(new io.spyglass.advisory.PackageKey(namespace, source).toString(), "source-package"));
    }

    /** The source key hits the real tracker: alpine's secdb for 3.10 lists busybox, which ssl_client is built from. */
    @Test
    void theSourceKeyFindsTheTrackersRecords() throws IOException {
        var secdb = SharedData.require("data/advisories/alpine-secdb/v3.10");
        AdvisoryIndex index = AdvisoryIndex.build(AdvisoryData.of(Importers.forSource("alpine").orElseThrow().read(secdb).records()));
        Sbom sbom = read("syft/alpine-3.10.spdx.json");
        MatchKeys.Key key = MatchKeys.of(find(sbom, "ssl_client"), sbom.distro()).get(0);
        assertThat(index.lookup(key.key())).isNotEmpty()
                .isEqualTo(index.lookup(MatchKeys.of(find(sbom, "busybox"), sbom.distro()).get(0).key()));
        // 1.30.1-r5 is past every busybox fix in that snapshot: both get the same (no) findings
        Matcher matcher = new Matcher(index);
        assertThat(matcher.match(find(sbom, "ssl_client"), sbom.distro())).extracting(Finding::vulnerabilityId)
                .isEqualTo(matcher.match(find(sbom, "busybox"), sbom.distro()).stream().map(Finding::vulnerabilityId).toList());
    }

    private static Package find(Sbom sbom, String name) {
        return sbom.packages().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
