package io.tfmesh.user;

import java.time.Instant;

/** A user as the API and the pages show it; the password hash never leaves the server. */
public record UserView(long id, String username, Role role, boolean enabled, Instant createdAt, Instant updatedAt,
		long version) {

	static UserView of(User user) {
		return new UserView(user.getId(), user.getUsername(), user.getRole(), user.isEnabled(), user.getCreatedAt(),
				user.getUpdatedAt(), user.getVersion());
	}

}
