package io.tfmesh.net;

import org.junit.jupiter.api.Test;
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
			"0:0:0:0:0:0:0:0, ::", "1:0:0:2:0:0:0:3, 1:0:0:2::3",
			// RFC 5952: the first of two equally long zero runs; a single zero group stays
			"1:0:0:1:0:0:1:1, 1::1:0:0:1:1", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
			"0:0:1:0:0:0:1:0, 0:0:1::1:0" })
	void formatsAddressesCanonically(String text, String canonical) {
		assertThat(IpAddresses.parse(text).map(IpAddresses::format)).contains(canonical);
	}

	@Test
	void spellsAddressesCanonicallyForValidationMessages() {
		assertThat(IpAddresses.canonical("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
		assertThat(IpAddresses.canonical("010.0.0.1")).isEqualTo("010.0.0.1");
		assertThat(IpAddresses.isValid("10.0.0.1")).isTrue();
		assertThat(IpAddresses.isValid("fd00::1")).isTrue();
		assertThat(IpAddresses.isValid("10.0.0")).isFalse();
	}

}
