package io.tfmesh.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "api_token")
class ApiToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "user_id")
	private User user;

	@Column(nullable = false)
	private String name;

	@Column(name = "token_hash", nullable = false)
	private byte[] tokenHash;

	@Column(name = "token_prefix", nullable = false)
	private String tokenPrefix;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "expires_at")
	private @Nullable Instant expiresAt;

	@Column(name = "last_used_at")
	private @Nullable Instant lastUsedAt;

	protected ApiToken() {
	}

	ApiToken(User user, String name, byte[] tokenHash, String tokenPrefix, Instant createdAt,
			@Nullable Instant expiresAt) {
		this.user = user;
		this.name = name;
		this.tokenHash = tokenHash;
		this.tokenPrefix = tokenPrefix;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	Long getId() {
		return id;
	}

	User getUser() {
		return user;
	}

	String getName() {
		return name;
	}

	String getTokenPrefix() {
		return tokenPrefix;
	}

	Instant getCreatedAt() {
		return createdAt;
	}

	@Nullable Instant getExpiresAt() {
		return expiresAt;
	}

	@Nullable Instant getLastUsedAt() {
		return lastUsedAt;
	}

	boolean isExpired(Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

	void used(Instant now) {
		this.lastUsedAt = now;
	}

}
