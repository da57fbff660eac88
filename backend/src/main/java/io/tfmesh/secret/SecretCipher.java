package io.tfmesh.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.tfmesh.system.TfmeshSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts credentials at rest with AES-GCM. Each value is bound to where it is stored
 * (its purpose, such as {@code cluster.kubeconfig}) as associated data, so a ciphertext copied
 * into another column does not decrypt.
 */
@Component
public class SecretCipher {

	private static final byte FORMAT_V1 = 1;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	/** What the fingerprint authenticates; fixed, so that one key always has one fingerprint. */
	private static final byte[] FINGERPRINT_LABEL = "tfmesh secret key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

	private final SecretKey key;

	private final String keySource;

	private final SecureRandom random = new SecureRandom();

	@Autowired
	SecretCipher(SecretSettings settings, TfmeshSettings tfmesh) {
		this(SecretKeyLoader.load(settings.secretKey(), tfmesh.dataDir()),
				SecretKeyLoader.describe(settings.secretKey(), tfmesh.dataDir()));
	}

	SecretCipher(SecretKey key) {
		this(key, "a key given in code");
	}

	private SecretCipher(SecretKey key, String keySource) {
		this.key = key;
		this.keySource = keySource;
	}

	/**
	 * Identifies the key without revealing it: HMAC-SHA256 of a fixed label under the key, in hex.
	 */
	public String fingerprint() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_LABEL));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Where the key came from, for messages that tell an operator which key to change. */
	public String keySource() {
		return keySource;
	}

	public byte[] encrypt(String plaintext, String purpose) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	public String decrypt(byte[] stored, String purpose) {
		if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT_V1) {
			throw new SecretUnreadableException(purpose);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new SecretUnreadableException(purpose);
		}
	}

}
