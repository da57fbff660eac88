package io.tfmesh.system.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Remembers, for a short while, HTTP Basic credentials that passed the password check, so that
 * a client sending the same header on every call pays for one bcrypt round, not one per call.
 * <p>
 * An entry is keyed by an HMAC of the username and password under a key drawn at startup, so
 * that the memory of the process holds no fast hash of anybody's password. It keeps the
 * {@link AccountStamp} of the account it was verified against; every hit still reads the account,
 * and an account with a new password, another role, disabled or deleted no longer has that stamp:
 * the entry is dropped and the credentials are checked again, against the new password.
 */
class VerifiedCredentials implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final UserDetailsService accounts;

	private final BasicCredentialCacheSettings settings;

	private final Clock clock;

	private final SecretKeySpec key;

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	private final Counter hits;

	private final Counter misses;

	/**
	 * @param passwords checks a password the cache does not know (and counts failures, throttled
	 * by the {@link LoginThrottle})
	 */
	VerifiedCredentials(AuthenticationProvider passwords, UserDetailsService accounts,
			BasicCredentialCacheSettings settings, Clock clock, MeterRegistry meters) {
		this.passwords = passwords;
		this.accounts = accounts;
		this.settings = settings;
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.hits = Counter.builder("tfmesh.security.basic.cache")
			.description("HTTP Basic calls whose credentials were verified earlier")
			.tag("result", "hit")
			.register(meters);
		this.misses = Counter.builder("tfmesh.security.basic.cache")
			.description("HTTP Basic calls whose password had to be checked")
			.tag("result", "miss")
			.register(meters);
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (!(authentication.getCredentials() instanceof String password) || settings.ttl().isZero()) {
			return passwords.authenticate(authentication);
		}
		String username = authentication.getName();
		String entryKey = key(username, password);
		Instant now = clock.instant();
		Verified entry = verified.get(entryKey);
		if (entry != null) {
			UserDetails account = current(username);
			if (entry.expiresAt().isAfter(now) && account != null && entry.stamp().equals(AccountStamp.of(account))) {
				hits.increment();
				UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(account,
						null, account.getAuthorities());
				result.setDetails(authentication.getDetails());
				return result;
			}
			verified.remove(entryKey, entry);
		}
		misses.increment();
		Authentication result = passwords.authenticate(authentication);
		if (result != null && result.getPrincipal() instanceof UserDetails account) {
			remember(entryKey, new Verified(AccountStamp.of(account), now.plus(settings.ttl())), now);
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return passwords.supports(authentication);
	}

	/** How many verified credentials are remembered now, expired ones not yet dropped included. */
	int size() {
		return verified.size();
	}

	private void remember(String entryKey, Verified entry, Instant now) {
		if (verified.size() >= settings.maxEntries()) {
			verified.values().removeIf(old -> !old.expiresAt().isAfter(now));
		}
		// still full of live entries: the newcomer is checked again next time rather than evicting another
		if (verified.size() < settings.maxEntries()) {
			verified.put(entryKey, entry);
		}
	}

	private @Nullable UserDetails current(String username) {
		try {
			return accounts.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
		catch (RuntimeException ex) {
			// the account store did not answer: the credentials cannot be checked, which is not a wrong password
			throw new InternalAuthenticationServiceException(ex.getMessage(), ex);
		}
	}

	private String key(String username, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(username.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

	private record Verified(String stamp, Instant expiresAt) {
	}

}
