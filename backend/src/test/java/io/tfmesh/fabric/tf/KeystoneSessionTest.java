package io.tfmesh.fabric.tf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeystoneSessionTest {

	@ParameterizedTest
	@CsvSource({ "http://keystone:5000/v3, http://keystone:5000/v3/auth/tokens",
			"http://keystone:5000/v3/, http://keystone:5000/v3/auth/tokens",
			"http://keystone:5000, http://keystone:5000/v3/auth/tokens",
			"https://keystone:35357/identity/v3/auth/tokens, https://keystone:35357/identity/v3/auth/tokens" })
	void findsTheTokensEndpoint(String configured, String tokens) {
		assertThat(KeystoneSession.tokensUrl(configured)).isEqualTo(tokens);
	}

}
