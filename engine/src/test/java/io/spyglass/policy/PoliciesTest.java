package io.spyglass.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.Severity;
import io.spyglass.policy.PolicyInput.AttestationStatus;
import io.spyglass.policy.PolicyInput.BaseImageStatus;
import io.spyglass.policy.PolicyInput.FindingFact;
import io.spyglass.policy.PolicyInput.PackageLicences;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each shipped policy on inputs that pass, fail and lack what it needs. */
class PoliciesTest {
    static final PolicyInput EMPTY = new PolicyInput(Optional.of("app"), List.of(), true, List.of(), Optional.empty(), Optional.empty());

    static PolicyInput withUser(String user) {
        return new PolicyInput(Optional.of(user), List.of(), true, List.of(), Optional.empty(), Optional.empty());
    }

    static PolicyInput withFindings(FindingFact... findings) {
        return new PolicyInput(Optional.of("app"), List.of(findings), true, List.of(), Optional.empty(), Optional.empty());
    }

    static PolicyInput withLicences(PackageLicences... licences) {
        return new PolicyInput(Optional.of("app"), List.of(), true, List.of(licences), Optional.empty(), Optional.empty());
    }

    static PolicyInput withBase(BaseImageStatus base) {
        return new PolicyInput(Optional.of("app"), List.of(), true, List.of(), Optional.of(base), Optional.empty());
    }

    static FindingFact finding(String id, Severity s, boolean fix, boolean kev, boolean suppressed) {
        return new FindingFact(id, "pkg", s, fix, kev, suppressed);
    }

    static PolicyResult run(String policy, PolicyInput input) {
        return Policies.require(policy).evaluate(input, PolicyParameters.NONE);
    }

    static PolicyResult run(String policy, PolicyInput input, Map<String, List<String>> params) {
        return Policies.require(policy).evaluate(input, new PolicyParameters(params));
    }

    @Nested
    class NonRootUserPolicy {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"''|fail", "root|fail", "0|fail", "0:0|fail", "root:staff|fail", "app|pass",
                "1000|pass", "1000:1000|pass", "nobody:nogroup|pass"})
        void judgesTheConfigUser(String user, String status) {
            assertThat(run("non-root-user", withUser(user)).status()).isEqualTo(PolicyStatus.parse(status));
        }

        @Test
        void unsetUserSaysItRunsAsRoot() {
            assertThat(run("non-root-user", withUser("")).details()).contains("no USER");
        }

        @Test
        void unreadConfigIsUnknown() {
            PolicyInput in = new PolicyInput(Optional.empty(), List.of(), true, List.of(), Optional.empty(), Optional.empty());
            assertThat(run("non-root-user", in).status()).isEqualTo(PolicyStatus.UNKNOWN);
        }
    }

    @Nested
    class FixableSeverePolicy {
        @Test
        void failsOnAFixableHighAndNamesIt() {
            PolicyResult r = run("no-fixable-critical-high", withFindings(finding("CVE-2024-1", Severity.HIGH, true, false, false),
                    finding("CVE-2024-2", Severity.MEDIUM, true, false, false)));
            assertThat(r.status()).isEqualTo(PolicyStatus.FAIL);
            assertThat(r.details()).contains("CVE-2024-1").doesNotContain("CVE-2024-2");
        }

        @Test
        void passesWhenTheCriticalHasNoFixOrIsSuppressed() {
            assertThat(run("no-fixable-critical-high", withFindings(finding("CVE-2024-1", Severity.CRITICAL, false, false, false),
                    finding("CVE-2024-3", Severity.CRITICAL, true, false, true))).status()).isEqualTo(PolicyStatus.PASS);
        }

        @Test
        void severitiesAreAParameter() {
            PolicyInput in = withFindings(finding("CVE-2024-2", Severity.MEDIUM, true, false, false));
            assertThat(run("no-fixable-critical-high", in).status()).isEqualTo(PolicyStatus.PASS);
            assertThat(run("no-fixable-critical-high", in, Map.of("severities", List.of("critical", "high", "medium"))).status())
                    .isEqualTo(PolicyStatus.FAIL);
        }
    }

    @Nested
    class KnownExploitedPolicy {
        @Test
        void failsOnAKevFindingEvenWithoutAFix() {
            PolicyResult r = run("no-known-exploited", withFindings(finding("CVE-2021-44228", Severity.LOW, false, true, false)));
            assertThat(r.status()).isEqualTo(PolicyStatus.FAIL);
            assertThat(r.details()).contains("CVE-2021-44228");
        }

        @Test
        void passesWhenTheKevFindingIsSuppressed() {
            assertThat(run("no-known-exploited", withFindings(finding("CVE-2021-44228", Severity.LOW, false, true, true))).status())
                    .isEqualTo(PolicyStatus.PASS);
        }

        @Test
        void withoutACatalogueItIsUnknown() {
            PolicyInput in = new PolicyInput(Optional.of("app"), List.of(), false, List.of(), Optional.empty(), Optional.empty());
            assertThat(run("no-known-exploited", in).status()).isEqualTo(PolicyStatus.UNKNOWN);
        }
    }

    @Nested
    class DeniedLicencePolicy {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"AGPL-3.0-only|fail", "AGPL-3.0-or-later|fail", "AGPL-3.0+|fail", "agpl-3.0|fail",
                "MIT OR AGPL-3.0-only|fail", "(GPL-2.0-only AND AGPL-3.0-or-later)|fail", "GPL-3.0-only|pass", "LGPL-3.0|pass",
                "MIT|pass"})
        void matchesTheAgplFamilyInsideExpressions(String licence, String status) {
            assertThat(run("no-denied-licences", withLicences(new PackageLicences("ghostscript", List.of(licence)))).status())
                    .isEqualTo(PolicyStatus.parse(status));
        }

        @Test
        void denyListIsAParameterAndDetailsNameThePackage() {
            PolicyInput in = withLicences(new PackageLicences("bash", List.of("GPL-3.0-or-later")));
            PolicyResult r = run("no-denied-licences", in, Map.of("deny", List.of("GPL-3.0")));
            assertThat(r.status()).isEqualTo(PolicyStatus.FAIL);
            assertThat(r.details()).contains("bash (GPL-3.0-or-later)");
            assertThat(run("no-denied-licences", in, Map.of("deny", List.of())).status()).isEqualTo(PolicyStatus.SKIPPED);
            // an entry with its suffix names that licence only
            assertThat(run("no-denied-licences", in, Map.of("deny", List.of("GPL-3.0-only"))).status()).isEqualTo(PolicyStatus.PASS);
            assertThat(run("no-denied-licences", in, Map.of("deny", List.of("GPL-3.0+"))).status()).isEqualTo(PolicyStatus.FAIL);
        }
    }

    @Nested
    class AttestationPolicy {
        static PolicyInput with(AttestationStatus a) {
            return new PolicyInput(Optional.of("app"), List.of(), true, List.of(), Optional.empty(), Optional.ofNullable(a));
        }

        @Test
        void needsBothByDefault() {
            assertThat(run("attestations-present", with(new AttestationStatus(true, true))).status()).isEqualTo(PolicyStatus.PASS);
            PolicyResult r = run("attestations-present", with(new AttestationStatus(true, false)));
            assertThat(r.status()).isEqualTo(PolicyStatus.FAIL);
            assertThat(r.details()).contains("provenance");
        }

        @Test
        void requireIsAParameter() {
            assertThat(run("attestations-present", with(new AttestationStatus(true, false)), Map.of("require", List.of("sbom"))).status())
                    .isEqualTo(PolicyStatus.PASS);
        }

        @Test
        void unreadAttestationsAreUnknownNotAPass() {
            assertThat(run("attestations-present", with(null)).status()).isEqualTo(PolicyStatus.UNKNOWN);
        }
    }

    @Nested
    class BaseImagePolicies {
        @Test
        void outdatedBaseFails() {
            assertThat(run("base-image-current", withBase(new BaseImageStatus("library/debian", "a", "sha256:x", true))).status())
                    .isEqualTo(PolicyStatus.FAIL);
            assertThat(run("base-image-current", withBase(new BaseImageStatus("library/debian", "b", "sha256:y", false))).status())
                    .isEqualTo(PolicyStatus.PASS);
            assertThat(run("base-image-current", withBase(BaseImageStatus.NONE_DETECTED)).status()).isEqualTo(PolicyStatus.SKIPPED);
            assertThat(run("base-image-current", EMPTY).status()).isEqualTo(PolicyStatus.UNKNOWN);
        }

        @Test
        void approvedListByRepositoryOrNamespace() {
            PolicyInput debian = withBase(new BaseImageStatus("library/debian", "a", "sha256:x", false));
            assertThat(run("base-image-approved", debian).status()).isEqualTo(PolicyStatus.SKIPPED);
            assertThat(run("base-image-approved", debian, Map.of("approved", List.of("library/debian"))).status()).isEqualTo(PolicyStatus.PASS);
            assertThat(run("base-image-approved", debian, Map.of("approved", List.of("library/*"))).status()).isEqualTo(PolicyStatus.PASS);
            assertThat(run("base-image-approved", debian, Map.of("approved", List.of("library/alpine"))).status()).isEqualTo(PolicyStatus.FAIL);
            assertThat(run("base-image-approved", EMPTY, Map.of("approved", List.of("library/alpine"))).status())
                    .isEqualTo(PolicyStatus.UNKNOWN);
        }
    }

    @Test
    void turnedOffPoliciesAreSkippedAndTheRestRunWithDefaults() {
        List<PolicyResult> results = Policies.evaluate(withUser("root"),
                Map.of("non-root-user", new PolicySetting("non-root-user", false, PolicyParameters.NONE)));
        assertThat(results).extracting(PolicyResult::name).containsExactly("non-root-user", "no-fixable-critical-high",
                "no-known-exploited", "no-denied-licences", "attestations-present", "base-image-current", "base-image-approved");
        assertThat(results.get(0).status()).isEqualTo(PolicyStatus.SKIPPED);
        assertThat(results.get(1).status()).isEqualTo(PolicyStatus.PASS);
    }

    /**
     * Re-evaluation evaluates only the policies that say they read findings: every other policy must
     * give the same verdict whatever the findings and the KEV flag are, on inputs that vary the rest.
     */
    @Test
    void onlyPoliciesThatSayTheyReadFindingsDependOnThem() {
        List<FindingFact> none = List.of();
        List<FindingFact> bad = List.of(finding("CVE-2024-1", Severity.CRITICAL, true, true, false),
                finding("CVE-2024-2", Severity.HIGH, true, false, false), finding("CVE-2024-3", Severity.LOW, false, true, true));
        List<PolicyInput> others = List.of(EMPTY, withUser("root"), withLicences(new PackageLicences("x", List.of("AGPL-3.0-only"))),
                withBase(new BaseImageStatus("library/debian", "12", "sha256:1", true)),
                new PolicyInput(Optional.empty(), List.of(), false, List.of(), Optional.empty(), Optional.of(new AttestationStatus(true, false))));
        List<String> dependent = new java.util.ArrayList<>();
        for (Policy p : Policies.all()) {
            for (PolicyInput base : others) {
                PolicyResult a = null;
                for (List<FindingFact> findings : List.of(none, bad)) {
                    for (boolean kev : new boolean[] {false, true}) {
                        PolicyResult r = p.evaluate(new PolicyInput(base.user(), findings, kev, base.licences(), base.baseImage(),
                                base.attestations()), PolicyParameters.NONE);
                        if (a == null) a = r;
                        else if (!r.equals(a) && !dependent.contains(p.name())) dependent.add(p.name());
                    }
                }
            }
        }
        assertThat(dependent).containsExactlyElementsOf(Policies.all().stream().filter(Policy::readsFindings).map(Policy::name).toList());
        assertThat(Policies.evaluate(withFindings(bad.toArray(FindingFact[]::new)), Map.of(), Policy::readsFindings))
                .extracting(PolicyResult::name).containsExactly("no-fixable-critical-high", "no-known-exploited");
    }

    @Test
    void aPolicyGivesTheSameVerdictOnTheFindingsItSaysItReads() {
        List<FindingFact> every = new java.util.ArrayList<>();
        int n = 0;
        for (Severity s : Severity.values()) {
            for (int flags = 0; flags < 8; flags++) {
                every.add(finding("CVE-2024-" + n++, s, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0));
            }
        }
        java.util.Random random = new java.util.Random(12);
        List<PolicyParameters> parameters = List.of(PolicyParameters.NONE,
                new PolicyParameters(Map.of("severities", List.of("medium", "low"))), new PolicyParameters(Map.of("severities", List.of("negligible"))));
        int dropped = 0;
        for (int round = 0; round < 300; round++) {
            List<FindingFact> findings = round == 0 ? every : every.stream().filter(f -> random.nextInt(6) == 0).toList();
            for (Policy p : Policies.all()) {
                List<FindingFact> read = findings.stream().filter(p::reads).toList();
                dropped += findings.size() - read.size();
                for (boolean kev : new boolean[] {false, true}) {
                    for (PolicyParameters params : parameters) {
                        assertThat(p.evaluate(new PolicyInput(Optional.of("app"), read, kev, List.of(), Optional.empty(), Optional.empty()), params))
                                .as("%s on %s", p.name(), findings)
                                .isEqualTo(p.evaluate(new PolicyInput(Optional.of("app"), findings, kev, List.of(), Optional.empty(), Optional.empty()), params));
                    }
                }
            }
        }
        // the finding policies read fewer findings than an image holds (what makes re-evaluation cheaper)
        assertThat(dropped).isPositive();
        assertThat(Policies.all().stream().filter(p -> !p.readsFindings())).allSatisfy(p -> assertThat(p.reads(every.get(0))).isFalse());
    }

    @Test
    void settingsAreCheckedWithAReasonNamingWhatIsWrong() {
        assertThat(Policies.setting("no-denied-licences", true, Map.of("deny", List.of("AGPL-3.0", "SSPL-1.0"))).parameters()
                .values().get("deny")).containsExactly("AGPL-3.0", "SSPL-1.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Policies.setting("no-such", true, Map.of()))
                .hasMessageContaining("no policy named 'no-such'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Policies.setting("non-root-user", true, Map.of("deny", List.of("x"))))
                .hasMessageContaining("has no parameter 'deny' (it takes none)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Policies.setting("no-fixable-critical-high", true,
                Map.of("severities", List.of("hihg")))).hasMessageContaining("'hihg' is not a severity");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Policies.setting("base-image-approved", true,
                Map.of("approved", List.of("Library/Debian")))).hasMessageContaining("not a repository name");
        assertThat(Policies.setting("base-image-approved", true, Map.of("approved", List.of("library/*"))).enabled()).isTrue();
    }
}
