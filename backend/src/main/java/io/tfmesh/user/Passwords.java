package io.tfmesh.user;

import java.nio.charset.StandardCharsets;

import io.tfmesh.system.error.InvalidInputException;

final class Passwords {

	static final int MIN_LENGTH = 8;

	/** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
	static final int MAX_LENGTH = 72;

	private Passwords() {
	}

	static void check(String field, String password) {
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
			throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " bytes long");
		}
		if (password.isBlank()) {
			throw new InvalidInputException(field, "must not be blank");
		}
	}

}
