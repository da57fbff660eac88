package io.tfmesh.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * @param password a new password, or null to keep the current one
 * @param version the version this change is based on
 */
public record UpdateUserRequest(@NotNull Role role, @NotNull Boolean enabled,
		@Nullable @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
		@Nullable Long version) {
}
