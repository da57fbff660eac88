package io.tfmesh.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateUserRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9._@-]*",
				message = "may hold lower-case letters, digits and . _ @ -, starting with a letter or digit") String username,
		@NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password,
		@NotNull Role role) {
}
