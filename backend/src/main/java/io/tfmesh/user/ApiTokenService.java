package io.tfmesh.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.security.ApiTokenAuthenticator;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens. A token is 256 random bits; only its SHA-256 is stored, which is
 * enough for a secret of that strength and keeps each API call cheap.
 */
@Service
public class ApiTokenService implements ApiTokenAuthenticator {

	static final String PREFIX = "tfm_";

	private static final String AUDIT_TYPE = "api-token";

	/** How stale the "last used" time of a token may get, to spare a write on every request. */
	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final ApiTokenRepository tokens;

	private final UserRepository users;

	private final AuditLog audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	ApiTokenService(ApiTokenRepository tokens, UserRepository users, AuditLog audit, Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<ApiTokenView> list(String username) {
		return tokens.findByUserOrderByCreatedAtDesc(user(username)).stream().map(ApiTokenView::of).toList();
	}

	@Transactional
	public CreatedApiToken create(String username, CreateApiTokenRequest request) {
		User user = user(username);
		String name = request.name().strip();
		if (tokens.existsByUserAndName(user, name)) {
			throw new ConflictException("name", "You already have a token named '" + name + "'");
		}
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = clock.instant();
		Instant expiresAt = request.expiresInDays() == null ? null : now.plus(Duration.ofDays(request.expiresInDays()));
		ApiToken token = tokens.saveAndFlush(
				new ApiToken(user, name, hash(value), value.substring(0, PREFIX.length() + 6), now, expiresAt));
		ApiTokenView view = ApiTokenView.of(token);
		audit.record(AuditAction.CREATE, AUDIT_TYPE, token.getId(), username + "/" + name, null, view);
		return new CreatedApiToken(view, value);
	}

	@Transactional
	public void revoke(String username, long id) {
		ApiToken token = tokens.findById(id)
			.filter(candidate -> candidate.getUser().getUsername().equals(username))
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
		ApiTokenView before = ApiTokenView.of(token);
		tokens.delete(token);
		audit.record(AuditAction.DELETE, AUDIT_TYPE, id, username + "/" + token.getName(), before, null);
	}

	/** The enabled user a valid, unexpired token belongs to, as security needs it. */
	@Override
	@Transactional
	public Optional<UserDetails> authenticate(String value) {
		if (!value.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return tokens.findByTokenHash(hash(value))
			.filter(token -> !token.isExpired(now))
			.filter(token -> token.getUser().isEnabled())
			.map(token -> {
				if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
					token.used(now);
				}
				return AccountDetailsService.details(token.getUser());
			});
	}

	private User user(String username) {
		return users.findByUsername(username).orElseThrow(() -> new NotFoundException("user", username));
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
