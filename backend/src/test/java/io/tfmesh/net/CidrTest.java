package io.tfmesh.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/8", "172.31.0.0/16", "10.132.0.0/20", "0.0.0.0/0", "192.168.1.7/32",
			"fd00::/8", "2001:db8::/32", "::/0", "2001:db8:0:1::/64" })
	void readsCanonicalCidrsAndWritesThemBackUnchanged(String text) {
		assertThat(Cidr.parse(text)).hasToString(text);
	}

	@ParameterizedTest
	@CsvSource({ "10.1.2.3/8, 10.0.0.0/8", "172.31.5.1/16, 172.31.0.0/16", "10.132.0.1/20, 10.132.0.0/20",
			"2001:db8::1/32, 2001:db8::/32" })
	void suggestsTheCanonicalFormWhenHostBitsAreSet(String text, String canonical) {
		assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOfSatisfying(InvalidCidrException.class, ex -> {
			assertThat(ex.getMessage()).contains("host bits", canonical);
			assertThat(ex.suggestion()).map(Cidr::toString).contains(canonical);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "256.0.0.0/8",
			"010.0.0.0/8", "10.0.0/8", "fd00::/129", "example.com/24", "10.0.0.0/8/8" })
	void refusesWhatIsNotACidr(String text) {
		assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOfSatisfying(InvalidCidrException.class,
				ex -> assertThat(ex.suggestion()).isEmpty());
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "10.1.2.3/32", "fd00::/8" })
	void readsWhatPostgresqlWritesLikeParse(String text) {
		assertThat(Cidr.ofDatabase(text)).isEqualTo(Cidr.parse(text));
	}

	@Test
	void tellsOverlapsAndContainment() {
		Cidr pods = Cidr.parse("10.32.0.0/12");
		assertThat(pods.overlaps(Cidr.parse("10.40.0.0/16"))).isTrue();
		assertThat(pods.overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
		assertThat(pods.overlaps(Cidr.parse("10.48.0.0/12"))).isFalse();
		assertThat(pods.overlaps(Cidr.parse("fd00::/8"))).isFalse();
		assertThat(pods.contains(IpAddresses.parse("10.47.255.255").orElseThrow())).isTrue();
		assertThat(pods.contains(IpAddresses.parse("10.48.0.0").orElseThrow())).isFalse();
		assertThat(pods.size()).isEqualTo(1L << 20);
	}

	@Test
	void ordersByFamilyThenAddressThenPrefix() {
		assertThat(Cidr.parse("10.0.0.0/8")).isLessThan(Cidr.parse("10.0.0.0/16"))
			.isLessThan(Cidr.parse("172.16.0.0/12"))
			.isLessThan(Cidr.parse("fd00::/8"));
	}

}
