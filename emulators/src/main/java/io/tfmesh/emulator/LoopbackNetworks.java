package io.tfmesh.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback networks of the form {@code 127.<n>.0.0/16} for emulated nodes. Emulated TF
 * processes listen on TF's own fixed introspect ports, so two emulated nodes can share a
 * machine only on different addresses; a network handed out here is held, through a file
 * lock, by this process until it exits, so emulators started by concurrent processes on one
 * machine (two test runs, say) never meet. All of 127.0.0.0/8 is loopback on Linux.
 * {@code 127.0} and {@code 127.1} are never handed out: the sandbox's default and its
 * neighbour are left to people.
 */
public final class LoopbackNetworks {

	private static final int FIRST = 2;

	private static final int LAST = 254;

	// held for the life of the process: releasing a lock would hand the network to another
	private static final List<FileLock> HELD = new ArrayList<>();

	private LoopbackNetworks() {
	}

	/**
	 * A network no other process that uses this class holds.
	 * @return its first two octets, such as {@code 127.42}
	 * @throws IllegalStateException when every network is held
	 */
	public static synchronized String reserve() {
		Path directory = Path.of(System.getProperty("java.io.tmpdir"), "tfmesh-loopback");
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + directory, ex);
		}
		int count = LAST - FIRST + 1;
		int start = ThreadLocalRandom.current().nextInt(count);
		for (int i = 0; i < count; i++) {
			int octet = FIRST + (start + i) % count;
			if (tryHold(directory.resolve("127." + octet + ".lock"))) {
				return "127." + octet;
			}
		}
		throw new IllegalStateException("every loopback network 127." + FIRST + " to 127." + LAST
				+ " is held by another process (lock files in " + directory + ")");
	}

	private static boolean tryHold(Path lockFile) {
		try {
			FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				channel.close();
				return false;
			}
			HELD.add(lock);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
