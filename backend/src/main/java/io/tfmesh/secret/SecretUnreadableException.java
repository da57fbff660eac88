package io.tfmesh.secret;

/** A stored secret that the current key cannot decrypt: a changed key, or a damaged value. */
public class SecretUnreadableException extends RuntimeException {

	public SecretUnreadableException(String purpose) {
		super("The stored " + purpose + " cannot be decrypted with the current secret key;"
				+ " restore the key it was written with, or enter the credential again");
	}

}
