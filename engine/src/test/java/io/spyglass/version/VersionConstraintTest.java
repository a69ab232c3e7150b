package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.version.VersionConstraint.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionConstraintTest {

    @ParameterizedTest(name = "{0} ''{1}'' {2} -> {3}")
    @CsvSource(delimiter = ';', value = {
            // RubyGems (rubysec): ~> keeps all but the last given part
            "RUBYGEMS;~> 1.2, >= 1.2.3;1.2.2;false",
            "RUBYGEMS;~> 1.2, >= 1.2.3;1.2.3;true",
            "RUBYGEMS;~> 1.2, >= 1.2.3;1.9;true",
            "RUBYGEMS;~> 1.2, >= 1.2.3;2.0;false",
            "RUBYGEMS;~> 1.2.3;1.2.9;true",
            "RUBYGEMS;~> 1.2.3;1.3.0;false",
            "RUBYGEMS;~> 1.2.3;1.3.0.a;true",
            "RUBYGEMS;1.2.3;1.2.3.0;true",
            "RUBYGEMS;!= 1.2.3;1.2.3;false",
            "RUBYGEMS;< 5.2.4.3;5.2.4.2;true",
            // Composer (FriendsOfPHP): | and || are or, comma and space are and
            "COMPOSER;>=1.0,<1.2;1.1.9;true",
            "COMPOSER;>=1.0,<1.2;1.2;false",
            "COMPOSER;>=1.0,<1.2;1.2.0-RC1;false",
            "COMPOSER;>=1.0,<1.2;1.0.0-beta1;true",
            "COMPOSER;<1.2|>=2.0,<2.1;1.5;false",
            "COMPOSER;<1.2|>=2.0,<2.1;2.0.5;true",
            "COMPOSER;<1.2 || >=2.0 <2.1;v1.1.0;true",
            "COMPOSER;^1.2.3;1.9.0;true",
            "COMPOSER;^1.2.3;2.0.0;false",
            "COMPOSER;^0.3;0.4.0;false",
            "COMPOSER;~1.2;1.9;true",
            "COMPOSER;~1.2.3;1.3.0;false",
            "COMPOSER;1.2.*;1.2.99;true",
            "COMPOSER;1.2.*;1.3.0;false",
            "COMPOSER;1.0 - 2.0;2.0.5;true",
            "COMPOSER;1.0 - 2.0;2.1.0;false",
            // npm / GHSA
            "NPM;>=1.0.0 <1.2.0 || >=2.0.0;1.1.5;true",
            "NPM;>=1.0.0 <1.2.0 || >=2.0.0;1.2.0;false",
            "NPM;>=1.0.0 <1.2.0 || >=2.0.0;3.0.0;true",
            "NPM;>= 4.0.0, < 4.17.21;4.17.15;true",
            "NPM;>= 4.0.0, < 4.17.21;4.17.21;false",
            "NPM;<0.2.1;0.0.8;true",
            "NPM;^1.2.3;1.9.9;true",
            "NPM;^1.2.3;2.0.0-rc.1;false",
            "NPM;^0.0.3;0.0.4;false",
            "NPM;~1.2.3;1.2.9;true",
            "NPM;~1.2.3;1.3.0;false",
            "NPM;1.x;1.99.0;true",
            "NPM;1.x;2.0.0;false",
            "NPM;<=1.2;1.2.7;true",
            "NPM;>1.2;1.2.7;false",
            "NPM;1.2.3 - 2.3;2.3.9;true",
            "NPM;1.2.3 - 2.3;2.4.0;false",
            "NPM;*;0.0.1;true",
            // PEP 440 specifiers
            "PYPI;>=1.0,<1.2;1.1.9;true",
            "PYPI;>=1.0,<1.2;1.2;false",
            "PYPI;==1.1.*;1.1.5;true",
            "PYPI;==1.1.*;1.1rc1;true",
            "PYPI;==1.1.*;1.1.post2;true",
            "PYPI;==1.1.*;1.2.0;false",
            "PYPI;==1.1.*;1.0.9;false",
            "PYPI;!=1.1.*;1.2;true",
            "PYPI;!=1.1.*;1.1.3;false",
            "PYPI;~=1.4.5;1.4.9;true",
            "PYPI;~=1.4.5;1.5.0;false",
            "PYPI;~=2.2;2.9;true",
            "PYPI;~=2.2;3.0;false",
            "PYPI;==1.0;1.0.0;true",
            "PYPI;<2.0.0, >=1.0;1.5;true",
            // GitHub advisory ranges, any ecosystem, versions verbatim
            "GHSA;>= 2.0-beta9, < 2.15.0;2.14.1;true",
            "GHSA;>= 2.0-beta9, < 2.15.0;2.0-beta8;false",
            "GHSA;= 2.3.1;2.3.1.0;true",
            "GHSA;<= 1.0.0;1.0.1;false"})
    void parsesAndEvaluates(Dialect dialect, String text, String version, boolean satisfied) {
        VersionScheme scheme = switch (dialect) {
            case RUBYGEMS -> Schemes.GEM;
            case COMPOSER -> Schemes.COMPOSER;
            case NPM -> Schemes.SEMVER;
            case PYPI -> Schemes.PEP440;
            case GHSA -> Schemes.MAVEN;
        };
        assertThat(VersionConstraint.parse(text, dialect).satisfiedBy(scheme, version)).isEqualTo(satisfied);
    }

    @Test
    void convertsSimpleConstraintsToRanges() {
        assertThat(VersionConstraint.parse("<1.2|>=2.0,<2.1", Dialect.COMPOSER).asRanges()).contains(List.of(
                new VersionRange(null, "1.2.0.0-dev", null, null), new VersionRange("2.0.0.0-dev", "2.1.0.0-dev", null, null)));
        assertThat(VersionConstraint.parse(">= 1.0.0, <= 1.4.0", Dialect.NPM).asRanges())
                .contains(List.of(new VersionRange("1.0.0", null, "1.4.0", null)));
        assertThat(VersionConstraint.parse("!=1.0", Dialect.PYPI).asRanges()).isEmpty();
    }

    @Test
    void rejectsNonsenseNamingTheConstraint() {
        assertThatThrownBy(() -> VersionConstraint.parse(">= ", Dialect.NPM)).hasMessageContaining("'>= '");
        assertThatThrownBy(() -> VersionConstraint.parse("~> banana", Dialect.RUBYGEMS)).hasMessageContaining("banana");
        assertThatThrownBy(() -> VersionConstraint.parse(">=1.0.*", Dialect.PYPI)).hasMessageContaining(".*");
        assertThatThrownBy(() -> VersionConstraint.parse("~=1", Dialect.PYPI)).hasMessageContaining("two release");
        assertThatThrownBy(() -> VersionConstraint.parse("", Dialect.COMPOSER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VersionConstraint.parse("^1.0", Dialect.PYPI)).hasMessageContaining("'^'");
    }

    @Test
    void printsItsPlainForm() {
        assertThat(VersionConstraint.parse("~> 1.2, >= 1.2.3", Dialect.RUBYGEMS).toString()).isEqualTo(">=1.2, <2, >=1.2.3");
        assertThat(VersionConstraint.parse("^1.2.3 || 3.x", Dialect.NPM).toString()).isEqualTo(">=1.2.3, <2.0.0-0 || >=3.0.0, <4.0.0-0");
    }
}
