package io.tfmesh.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureTest {

	/** RFC 4231, test case 2: key "Jefe". */
	@Test
	void isHmacSha256OfTheBodyInHex() {
		assertThat(Signature.of("what do ya want for nothing?", "Jefe"))
			.isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	@Test
	void dependsOnEveryByteOfTheBody() {
		assertThat(Signature.of("{\"id\":\"1\"}", "a-secret-of-16-chars"))
			.isNotEqualTo(Signature.of("{\"id\":\"1\"} ", "a-secret-of-16-chars"))
			.isNotEqualTo(Signature.of("{\"id\":\"1\"}", "a-secret-of-16-charz"));
	}

}
