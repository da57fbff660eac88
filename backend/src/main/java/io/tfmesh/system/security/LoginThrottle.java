package io.tfmesh.system.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed logins per username and per client address, and refuses both for a while once
 * either has failed too often. It is asked before a password is checked, so a refused attempt
 * costs no bcrypt round. Kept in memory: a restart forgets it, and each instance counts its
 * own attempts.
 */
class LoginThrottle {

	/** More keys than this and expired ones are dropped, so that made-up usernames cannot fill memory. */
	private static final int PRUNE_ABOVE = 10_000;

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final LoginThrottleSettings settings;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(LoginThrottleSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @param username the username tried, or null for a token
	 * @return how long the caller must wait, or empty when it may try now
	 */
	Optional<Duration> refusal(@Nullable String username, String address) {
		Instant now = clock.instant();
		Instant until = later(blockedUntil(clientKey(address), settings.maxFailuresPerClient(), now),
				username == null ? null : blockedUntil(accountKey(username), settings.maxFailuresPerAccount(), now));
		return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
	}

	void failed(@Nullable String username, String address) {
		Instant now = clock.instant();
		if (count(clientKey(address), now) == settings.maxFailuresPerClient()) {
			log.warn("Refusing logins from {} for {}: {} failed logins", address, settings.lockout(),
					settings.maxFailuresPerClient());
		}
		if (username != null && count(accountKey(username), now) == settings.maxFailuresPerAccount()) {
			log.warn("Refusing logins of an account for {}: {} failed logins, the last from {}", settings.lockout(),
					settings.maxFailuresPerAccount(), address);
		}
		if (failures.size() > PRUNE_ABOVE) {
			failures.values().removeIf(entry -> !entry.lastAt().plus(settings.lockout()).isAfter(now));
		}
	}

	void succeeded(String username) {
		failures.remove(accountKey(username));
	}

	private int count(String key, Instant now) {
		return failures.compute(key, (k, entry) -> entry == null || !entry.lastAt().plus(settings.lockout()).isAfter(now)
				? new Failures(1, now) : new Failures(entry.count() + 1, now)).count();
	}

	private @Nullable Instant blockedUntil(String key, int max, Instant now) {
		Failures entry = failures.get(key);
		if (entry == null || entry.count() < max) {
			return null;
		}
		Instant until = entry.lastAt().plus(settings.lockout());
		return until.isAfter(now) ? until : null;
	}

	private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isAfter(b) ? a : b;
	}

	private static String accountKey(String username) {
		return "account:" + username.toLowerCase(Locale.ROOT);
	}

	private static String clientKey(String address) {
		return "client:" + address;
	}

	private record Failures(int count, Instant lastAt) {
	}

}
