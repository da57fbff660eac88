package io.tfmesh.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/** Finds the key that encrypts secrets at rest: configured, or generated once into the data directory. */
final class SecretKeyLoader {

	static final String KEY_FILE = "secret.key";

	private static final Logger log = LoggerFactory.getLogger(SecretKeyLoader.class);

	private SecretKeyLoader() {
	}

	static SecretKey load(String configured, Path dataDir) {
		if (StringUtils.hasText(configured)) {
			return decode(configured.strip(), "TFMESH_SECRET_KEY");
		}
		Path file = dataDir.resolve(KEY_FILE);
		try {
			if (!Files.exists(file)) {
				generate(file);
			}
			return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secret key " + file, ex);
		}
	}

	static String describe(String configured, Path dataDir) {
		return StringUtils.hasText(configured) ? "TFMESH_SECRET_KEY" : dataDir.resolve(KEY_FILE).toString();
	}

	private static void generate(Path file) throws IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		Files.createDirectories(file.getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (FileAlreadyExistsException ex) {
			// another instance generated it first; use that one
			return;
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
		log.warn("Generated a new secret key in {}. Back it up: without it the stored credentials cannot be read.",
				file);
	}

	private static SecretKey decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The secret key from " + source + " is not base64", ex);
		}
		if (key.length != 16 && key.length != 24 && key.length != 32) {
			throw new IllegalStateException("The secret key from " + source + " has " + key.length
					+ " bytes; AES needs 16, 24 or 32 (generate one with: openssl rand -base64 32)");
		}
		return new SecretKeySpec(key, "AES");
	}

}
