package io.tfmesh.system.database;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The generated passwords of the embedded server's superuser and of the role tfmesh works as,
 * kept in the data directory readable by its owner only.
 *
 * @param superuserPassword password of {@code postgres}, used only to set the database up at start
 * @param applicationPassword password of the unprivileged role tfmesh connects as
 */
record DatabaseCredentials(String superuserPassword, String applicationPassword) {

	static final String FILE = "tfmesh-credentials";

	private static final SecureRandom RANDOM = new SecureRandom();

	static DatabaseCredentials generate() {
		return new DatabaseCredentials(randomPassword(), randomPassword());
	}

	static Optional<DatabaseCredentials> read(Path dataDirectory) {
		Path file = dataDirectory.resolve(FILE);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the database credentials " + file, ex);
		}
		String superuser = properties.getProperty("superuser");
		String application = properties.getProperty("tfmesh");
		if (superuser == null || application == null) {
			throw new IllegalStateException("The database credentials " + file + " are incomplete;"
					+ " restore them from a backup of the data directory");
		}
		return Optional.of(new DatabaseCredentials(superuser, application));
	}

	/** Writes the file whole or not at all, so a crash never leaves a half-written password behind. */
	void write(Path dataDirectory) {
		Path file = dataDirectory.resolve(FILE);
		Path partial = dataDirectory.resolve(FILE + ".partial");
		Properties properties = new Properties();
		properties.setProperty("superuser", superuserPassword);
		properties.setProperty("tfmesh", applicationPassword);
		try {
			StringWriter text = new StringWriter();
			properties.store(text, "Passwords of the embedded PostgreSQL; keep with the data directory");
			Files.deleteIfExists(partial);
			Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(partial, text.toString(), StandardCharsets.US_ASCII);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the database credentials " + file, ex);
		}
	}

	@Override
	public String toString() {
		return "DatabaseCredentials[hidden]";
	}

	private static String randomPassword() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
