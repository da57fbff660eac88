package io.tfmesh.net;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** A text that is not a canonical CIDR; carries the canonical form when that is all that was wrong. */
public class InvalidCidrException extends IllegalArgumentException {

	private final @Nullable Cidr suggestion;

	InvalidCidrException(String message, @Nullable Cidr suggestion) {
		super(message);
		this.suggestion = suggestion;
	}

	public Optional<Cidr> suggestion() {
		return Optional.ofNullable(suggestion);
	}

}
