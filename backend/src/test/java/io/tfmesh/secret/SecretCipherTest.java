package io.tfmesh.secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

	@TempDir
	Path dataDir;

	@Test
	void encryptsSoThatOnlyTheSameKeyAndPurposeDecrypt() {
		SecretCipher cipher = new SecretCipher(SecretKeyLoader.load(null, dataDir));
		byte[] sealed = cipher.encrypt("kubeconfig with a token", "cluster.kubeconfig");

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("token");
		assertThat(cipher.decrypt(sealed, "cluster.kubeconfig")).isEqualTo("kubeconfig with a token");
		assertThatThrownBy(() -> cipher.decrypt(sealed, "cluster.kubernetes-token"))
			.isInstanceOf(SecretUnreadableException.class);

		SecretCipher otherKey = new SecretCipher(
				SecretKeyLoader.load(Base64.getEncoder().encodeToString(new byte[32]), dataDir));
		assertThatThrownBy(() -> otherKey.decrypt(sealed, "cluster.kubeconfig"))
			.isInstanceOf(SecretUnreadableException.class);
	}

	@Test
	void sealsTheSameTextDifferentlyEachTime() {
		SecretCipher cipher = new SecretCipher(SecretKeyLoader.load(null, dataDir));
		assertThat(cipher.encrypt("same", "p")).isNotEqualTo(cipher.encrypt("same", "p"));
	}

	@Test
	void detectsTampering() {
		SecretCipher cipher = new SecretCipher(SecretKeyLoader.load(null, dataDir));
		byte[] sealed = cipher.encrypt("password", "cluster.keystone-password");
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> cipher.decrypt(sealed, "cluster.keystone-password"))
			.isInstanceOf(SecretUnreadableException.class);
	}

	@Test
	void generatesTheKeyOnceIntoTheDataDirectoryReadableOnlyByItsOwner() throws Exception {
		SecretCipher first = new SecretCipher(SecretKeyLoader.load(null, dataDir));
		byte[] sealed = first.encrypt("kept", "p");
		Path keyFile = dataDir.resolve(SecretKeyLoader.KEY_FILE);
		assertThat(Files.getPosixFilePermissions(keyFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);

		SecretCipher afterRestart = new SecretCipher(SecretKeyLoader.load("", dataDir));
		assertThat(afterRestart.decrypt(sealed, "p")).isEqualTo("kept");
	}

	@Test
	void refusesAConfiguredKeyOfTheWrongSize() {
		assertThatThrownBy(() -> SecretKeyLoader.load(Base64.getEncoder().encodeToString(new byte[10]), dataDir))
			.hasMessageContaining("10 bytes");
		assertThatThrownBy(() -> SecretKeyLoader.load("not base64!", dataDir)).hasMessageContaining("not base64");
	}

	@Test
	void fingerprintsIdentifyTheKeyWithoutRevealingIt() {
		byte[] keyBytes = new byte[32];
		keyBytes[0] = 7;
		String key = Base64.getEncoder().encodeToString(keyBytes);
		SecretCipher cipher = new SecretCipher(SecretKeyLoader.load(key, dataDir));
		SecretCipher sameKey = new SecretCipher(SecretKeyLoader.load(key, dataDir));
		SecretCipher otherKey = new SecretCipher(SecretKeyLoader.load(null, dataDir));

		assertThat(cipher.fingerprint()).hasSize(64)
			.isEqualTo(sameKey.fingerprint())
			.isNotEqualTo(otherKey.fingerprint())
			.doesNotContain(java.util.HexFormat.of().formatHex(keyBytes).substring(0, 16));
	}

}
