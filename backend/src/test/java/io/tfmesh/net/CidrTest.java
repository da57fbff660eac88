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
	@CsvSource({ "10.0.0.1, 10.0.0.1/32", "fd00::, fd00::/128", "abc, 10.0.0.0/16" })
	void suggestsAPrefixLengthWhenThereIsNone(String text, String example) {
		assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(InvalidCidrException.class)
			.hasMessage("'" + text + "' has no prefix length; expected a CIDR such as " + example);
	}

	@Test
	void namesWhatIsMissingFromACidr() {
		assertThatThrownBy(() -> Cidr.parse("/8")).hasMessageContaining("is not a CIDR; expected an IP address");
		assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33' has prefix length 33; expected 0..32");
		assertThatThrownBy(() -> Cidr.parse("fd00::/x")).hasMessage("'fd00::/x' has no valid prefix length; expected 0..128");
		assertThatThrownBy(() -> Cidr.parse("FD00::/8")).hasMessage("'FD00::/8' is not in canonical form; write it as fd00::/8");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "10.1.2.3/32", "255.255.255.255/32",
			"fd00::/8", "::/0", "::1/128" })
	void readsWhatPostgresqlWritesLikeParse(String text) {
		assertThat(Cidr.ofDatabase(text)).isEqualTo(Cidr.parse(text));
	}

	@Test
	void refusesWhatPostgresqlNeverWrites() {
		assertThatThrownBy(() -> Cidr.ofDatabase("10.0.0.0")).isInstanceOf(InvalidCidrException.class);
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

	/**
	 * Containment needs a prefix at least as long as the container's, not only the container's
	 * leading bits: 10.0.0.0/16 holds the address 10.0.0.0 but not the network 10.0.0.0/8.
	 */
	@ParameterizedTest(name = "{0} contains {1}: {2}; {1} contains {0}: {3}; they overlap: {4}")
	@CsvSource({
			// a supernet and a subnet inside it
			"10.0.0.0/8, 10.1.0.0/16, true, false, true",
			"10.32.0.0/12, 10.47.0.0/16, true, false, true",
			"0.0.0.0/0, 192.168.1.0/24, true, false, true",
			"fd00::/8, fd00:10:244::/56, true, false, true",
			"::/0, 2001:db8::/32, true, false, true",
			// the same first address, different lengths
			"10.0.0.0/8, 10.0.0.0/16, true, false, true",
			"10.0.0.0/8, 10.0.0.0/9, true, false, true",
			"2001:db8::/32, 2001:db8::/33, true, false, true",
			// equal networks
			"10.32.0.0/12, 10.32.0.0/12, true, true, true",
			"fd00::/8, fd00::/8, true, true, true",
			// host routes
			"10.1.2.0/24, 10.1.2.3/32, true, false, true",
			"10.1.2.3/32, 10.1.2.3/32, true, true, true",
			"10.1.2.3/32, 10.1.2.4/32, false, false, false",
			"2001:db8::/64, 2001:db8::1/128, true, false, true",
			"2001:db8::1/128, 2001:db8::2/128, false, false, false",
			// neighbours and strangers
			"10.32.0.0/12, 10.48.0.0/16, false, false, false",
			"10.0.0.0/9, 10.128.0.0/9, false, false, false",
			"10.96.0.0/12, 10.64.0.0/12, false, false, false",
			"fd00::/9, fd80::/9, false, false, false",
			// IPv4 against IPv6, whatever their bits
			"0.0.0.0/0, ::/0, false, false, false",
			"10.0.0.0/8, a00::/8, false, false, false",
			"0.0.0.0/0, ::a00:0/104, false, false, false" })
	void tellsContainmentAndOverlapByAddressAndPrefixLength(String first, String second, boolean firstContains,
			boolean secondContains, boolean overlap) {
		Cidr a = Cidr.parse(first);
		Cidr b = Cidr.parse(second);

		assertThat(a.contains(b)).as(first + " contains " + second).isEqualTo(firstContains);
		assertThat(b.contains(a)).as(second + " contains " + first).isEqualTo(secondContains);
		assertThat(a.overlaps(b)).as(first + " overlaps " + second).isEqualTo(overlap);
		assertThat(b.overlaps(a)).as(second + " overlaps " + first).isEqualTo(overlap);
	}

	@Test
	void containsTheAddressesOfItsOwnFamilyOnly() {
		assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddresses.parse("::").orElseThrow())).isFalse();
		assertThat(Cidr.parse("::/0").contains(IpAddresses.parse("10.0.0.1").orElseThrow())).isFalse();
		assertThat(Cidr.parse("10.1.2.3/32").contains(IpAddresses.parse("10.1.2.3").orElseThrow())).isTrue();
		assertThat(Cidr.parse("10.1.2.3/32").contains(IpAddresses.parse("10.1.2.2").orElseThrow())).isFalse();
		assertThat(Cidr.parse("10.0.0.0/16").contains(IpAddresses.parse("10.0.0.0").orElseThrow())).isTrue();
	}

	@Test
	void ordersByFamilyThenAddressThenPrefix() {
		assertThat(Cidr.parse("10.0.0.0/8")).isLessThan(Cidr.parse("10.0.0.0/16"))
			.isLessThan(Cidr.parse("172.16.0.0/12"))
			.isLessThan(Cidr.parse("fd00::/8"));
	}

}
