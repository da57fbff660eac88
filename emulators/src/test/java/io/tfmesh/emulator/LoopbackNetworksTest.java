package io.tfmesh.emulator;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackNetworksTest {

	@Test
	void handsOutEachNetworkOnceAndNeverTheSandboxDefaults() {
		Set<String> handedOut = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			String prefix = LoopbackNetworks.reserve();
			assertThat(prefix).matches("127\\.(\\d+)");
			int octet = Integer.parseInt(prefix.substring("127.".length()));
			assertThat(octet).isBetween(2, 254);
			assertThat(handedOut.add(prefix)).as("%s handed out twice", prefix).isTrue();
		}
	}

	@Test
	void aNetworkHeldElsewhereIsNeverHandedOut() throws Exception {
		String prefix = LoopbackNetworks.reserve();
		Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "tfmesh-loopback", prefix + ".lock");
		// the lock of the network just handed out is held: another process cannot take it
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = null;
			try {
				lock = channel.tryLock();
			}
			catch (java.nio.channels.OverlappingFileLockException ex) {
				// held by this very process, as expected
			}
			assertThat(lock).isNull();
		}
	}

}
