package io.spyglass.server.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows down password guessing on sign-in, sign-up and {@code /token}: failures are counted per
 * account and per client address; after {@code free} failures each further one locks that key for
 * a doubling delay (base, 2×base, … up to {@code max}); while locked, attempts are answered 429
 * with {@code Retry-After} without checking the password. A successful sign-in clears the
 * account's count (not the address's: one good account must not unlock guessing others). The
 * counts live in this node's memory, bounded in size and forgotten after {@code max} without a
 * failure, so with several nodes each node throttles by itself.
 */
public final class SignInThrottle {
    private record Failures(int count, long lockedUntilMillis) {}

    private final int free;
    private final long baseMillis;
    private final long maxMillis;
    private final Cache<String, Failures> failures;

    public SignInThrottle(int free, Duration base, Duration max) {
        this.free = free;
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(max.multipliedBy(2)).build();
    }

    /** 5 free failures, then 1 s, 2 s, 4 s … up to 15 minutes; {@code spyglass.throttle.baseMillis} changes the base (tests). */
    public static SignInThrottle fromSystemProperties() {
        long base = Long.getLong("spyglass.throttle.baseMillis", 1000);
        return new SignInThrottle(5, Duration.ofMillis(base), Duration.ofMinutes(15));
    }

    /** How long the caller must wait, if the account or the address is locked now. */
    public Optional<Duration> retryAfter(String account, String address) {
        long now = System.currentTimeMillis();
        long until = Math.max(lockedUntil(accountKey(account)), lockedUntil(addressKey(address)));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    public void failed(String account, String address) {
        if (account != null && !account.isEmpty()) count(accountKey(account));
        count(addressKey(address));
    }

    public void succeeded(String account) {
        failures.invalidate(accountKey(account));
    }

    /** Retry-After in whole seconds, at least 1. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private void count(String key) {
        long now = System.currentTimeMillis();
        failures.asMap().compute(key, (k, f) -> {
            int n = f == null ? 1 : f.count() + 1;
            long lock = n <= free ? 0 : now + Math.min(maxMillis, baseMillis << Math.min(30, n - free - 1));
            return new Failures(n, lock);
        });
    }

    private long lockedUntil(String key) {
        if (key == null) return 0;
        Failures f = failures.getIfPresent(key);
        return f == null ? 0 : f.lockedUntilMillis();
    }

    private static String accountKey(String account) {
        return account == null || account.isEmpty() ? null : "account:" + account.toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
