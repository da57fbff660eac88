package io.tfmesh.emulator;

import java.math.BigInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralsTest {

	@ParameterizedTest
	@CsvSource({ "10.96.0.1, 10.96.0.1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255",
			"fd00:0:0:0:0:0:0:1, fd00::1", "fd00::, fd00::", "::1, ::1", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
			"2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "0:0:0:0:0:0:0:0, ::" })
	void printsWhatItReadsInItsShortestForm(String literal, String printed) {
		BigInteger address = IpLiterals.parse(literal);

		assertThat(address).isNotNull();
		assertThat(IpLiterals.format(address, IpLiterals.bits(literal))).isEqualTo(printed);
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "example.com", "10.96.0", "", "10.96.0.1/12", "fd00::g", "::ffff:10.0.0.1" })
	void readsNothingButLiterals(String text) {
		assertThat(IpLiterals.parse(text)).isNull();
	}

}
