package io.tfmesh.secret;

import io.tfmesh.system.error.ConflictException;

/**
 * A stored secret that the current key cannot decrypt: a changed key, or a damaged value. The
 * request cannot go on with what is stored (409), which entering the credential again resolves.
 */
public class SecretUnreadableException extends ConflictException {

	private final String purpose;

	public SecretUnreadableException(String purpose) {
		super(message(purpose, "The stored " + purpose));
		this.purpose = purpose;
	}

	private SecretUnreadableException(String purpose, String message) {
		super(message);
		this.purpose = purpose;
	}

	/** The same failure, naming the object whose secret it is (such as {@code cluster 'aws-east'}). */
	public SecretUnreadableException of(String owner) {
		return new SecretUnreadableException(purpose, message(purpose, "The stored " + purpose + " of " + owner));
	}

	public String purpose() {
		return purpose;
	}

	private static String message(String purpose, String subject) {
		return subject + " cannot be decrypted with this instance's secret key; start tfmesh with the key it was"
				+ " written with (TFMESH_SECRET_KEY, or the secret.key file of the data directory), or enter the"
				+ " credential again";
	}

}
