package io.tfmesh.system.error;

import org.jspecify.annotations.Nullable;

/**
 * The request clashes with the current state (409): a taken name, an object still in use,
 * or a change based on an old version.
 */
public class ConflictException extends RuntimeException {

	private final @Nullable String field;

	public ConflictException(String message) {
		this(null, message);
	}

	public ConflictException(@Nullable String field, String message) {
		super(message);
		this.field = field;
	}

	/** The request field the conflict is about, if any. */
	public @Nullable String field() {
		return field;
	}

	/** Facts a client can act on, added to the problem document (such as the largest free block). */
	public java.util.Map<String, Object> properties() {
		return java.util.Map.of();
	}

	public static ConflictException duplicateName(String kind, String name) {
		return new ConflictException("name", "A " + kind + " named '" + name + "' already exists");
	}

}
