package io.tfmesh.mesh.planner;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixSizingTest {

	@ParameterizedTest
	@CsvSource({
			// 110 addresses, not 110.00000000000001 rounded up to 111
			"100, 0.1, true, 25", "128, 0, true, 25", "129, 0, true, 24", "256, 0, true, 24", "257, 0, true, 23",
			"110, 0.5, true, 24", "1, 0, true, 32", "2, 0, true, 31", "3, 0, true, 30", "1000, 1.0, true, 21",
			"4294967296, 0, true, 0", "1, 0, false, 128", "256, 0, false, 120", "9223372036854775807, 1.0, false, 64" })
	void picksTheSmallestBlockThatHoldsTheExpectedAddressesWithHeadroom(long expected, double headroom, boolean ipv4,
			int prefixLength) {
		assertThat(PrefixSizing.prefixFor(expected, headroom, ipv4)).isEqualTo(prefixLength);
	}

	@ParameterizedTest
	@CsvSource({ "0, 0.1, true, positive", "-5, 0.1, true, positive", "100, -0.1, true, headroom",
			"100, NaN, false, headroom", "100, Infinity, true, headroom", "4294967297, 0, true, IPv4",
			"2147483649, 1.0, true, IPv4", "9223372036854775807, 0, true, IPv4" })
	void refusesWhatNoBlockCanHold(long expected, double headroom, boolean ipv4, String reason) {
		assertThatThrownBy(() -> PrefixSizing.prefixFor(expected, headroom, ipv4))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(reason);
	}

}
