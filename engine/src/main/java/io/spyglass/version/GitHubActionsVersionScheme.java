package io.spyglass.version;

/**
 * GitHub Actions refs ({@code uses: owner/repo@ref}). A ref that looks like a version ({@code v4},
 * {@code v4.1}, {@code 4.1.7}, {@code v2.0.0-beta.1}) is ordered as SemVer, with Go's shorthand
 * ({@code v4 = v4.0.0}). Any other ref (a branch such as {@code main}, a commit SHA) has no order: it
 * equals only an identical ref, and comparing it with a different ref is an {@link InvalidVersionException}.
 */
final class GitHubActionsVersionScheme implements VersionScheme {

    @Override
    public String name() {
        return "github-actions";
    }

    @Override
    public int compare(String a, String b) {
        if (a == null || a.isBlank()) throw new InvalidVersionException("github-actions", a, "empty");
        if (b == null || b.isBlank()) throw new InvalidVersionException("github-actions", b, "empty");
        Semver x = asVersion(a);
        Semver y = asVersion(b);
        if (x != null && y != null) return x.compareTo(y);
        if (a.trim().equals(b.trim())) return 0;
        throw new InvalidVersionException("github-actions", x == null ? a : b,
                "a ref that is not a version has no order against another ref");
    }

    private static Semver asVersion(String ref) {
        String v = ref.trim();
        if (v.startsWith("v") || v.startsWith("V")) v = v.substring(1);
        return Semver.parse(v, true);
    }
}
