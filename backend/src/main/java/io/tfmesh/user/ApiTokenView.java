package io.tfmesh.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A personal API token without its secret part.
 *
 * @param prefix the token's first characters, enough to recognise it
 */
public record ApiTokenView(long id, String name, String prefix, Instant createdAt, @Nullable Instant expiresAt,
		@Nullable Instant lastUsedAt) {

	static ApiTokenView of(ApiToken token) {
		return new ApiTokenView(token.getId(), token.getName(), token.getTokenPrefix(), token.getCreatedAt(),
				token.getExpiresAt(), token.getLastUsedAt());
	}

}
