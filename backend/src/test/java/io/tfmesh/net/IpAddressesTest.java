package io.tfmesh.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.com", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "::g", "",
			" 1.2.3.4" })
	void refusesHostNamesAndMalformedAddresses(String text) {
		assertThat(IpAddresses.parse(text)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "10.0.0.1, 10.0.0.1", "2001:DB8:0:0:0:0:0:1, 2001:db8::1", "fd00:0:0:1:0:0:0:0, fd00:0:0:1::",
			"0:0:0:0:0:0:0:0, ::", "1:0:0:2:0:0:0:3, 1:0:0:2::3" })
	void formatsAddressesCanonically(String text, String canonical) {
		assertThat(IpAddresses.parse(text).map(IpAddresses::format)).contains(canonical);
	}

}
