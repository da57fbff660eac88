package io.tfmesh.mesh.planner;

import java.math.BigInteger;
import java.util.Arrays;

import io.tfmesh.net.Cidr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressSpaceTest {

	@Test
	void handsOutTheLowestFreeBlockAndSkipsHolesTooSmallOrMisaligned() {
		AddressSpace space = space("10.0.0.0/24");
		Cidr pool = cidr("10.0.0.0/22");

		assertThat(space.lowestFree(pool, 23)).contains(cidr("10.0.2.0/23"));
		assertThat(space.lowestFree(pool, 24)).contains(cidr("10.0.1.0/24"));
		assertThat(space.lowestFree(pool, 26)).contains(cidr("10.0.1.0/26"));
		assertThat(space.lowestFree(pool, 22)).isEmpty();
	}

	@Test
	void handsOutTheLastAddressOfAPoolWhenItIsAllThatIsLeft() {
		AddressSpace space = space("10.0.0.0/31", "10.0.0.2/32");

		assertThat(space.lowestFree(cidr("10.0.0.0/30"), 32)).contains(cidr("10.0.0.3/32"));
		assertThat(space.lowestFree(cidr("10.0.0.0/30"), 31)).isEmpty();
	}

	@Test
	void allocatesIpv6BlocksWithoutTouchingIpv4() {
		AddressSpace space = space("10.0.0.0/8", "fd00:10::/64", "fd00:10:0:2::/63");
		Cidr pool = cidr("fd00:10::/48");

		assertThat(space.lowestFree(pool, 64)).contains(cidr("fd00:10:0:1::/64"));
		assertThat(space.lowestFree(pool, 62)).contains(cidr("fd00:10:0:4::/62"));
		assertThat(space.lowestFree(cidr("10.0.0.0/8"), 24)).isEmpty();
		assertThat(space.lowestFree(cidr("fd00::/8"), 16)).contains(cidr("fd01::/16"));
		assertThat(space.isFree(cidr("10.0.0.0/8"))).isFalse();
		assertThat(space.isFree(cidr("::/0"))).isFalse();
		assertThat(space.isFree(cidr("fd00:10:0:1::/64"))).isTrue();
	}

	@Test
	void blocksStraddlingTheHalvesOfAnIpv6AddressAreAlignedOnTheirOwnSize() {
		AddressSpace space = space("2001:db8:0:1::/64");
		Cidr pool = cidr("2001:db8::/56");

		assertThat(space.lowestFree(pool, 63)).contains(cidr("2001:db8:0:2::/63"));
		assertThat(space.lowestFree(pool, 65)).contains(cidr("2001:db8::/65"));
		assertThat(space.largestFree(pool)).contains(cidr("2001:db8:0:80::/57"));
		assertThat(space.freeBlocks(pool)).extracting(Cidr::toString)
			.containsExactly("2001:db8::/64", "2001:db8:0:2::/63", "2001:db8:0:4::/62", "2001:db8:0:8::/61",
					"2001:db8:0:10::/60", "2001:db8:0:20::/59", "2001:db8:0:40::/58", "2001:db8:0:80::/57");
	}

	@Test
	void coversTheWholeAddressSpaceOfEitherFamily() {
		AddressSpace space = space("10.0.0.0/8");
		Cidr all = cidr("0.0.0.0/0");

		assertThat(space.lowestFree(all, 8)).contains(cidr("0.0.0.0/8"));
		assertThat(space.lowestFree(all, 0)).isEmpty();
		assertThat(space.largestFree(all)).contains(cidr("128.0.0.0/1"));
		assertThat(space.freeBlocks(all)).extracting(Cidr::toString)
			.containsExactly("0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3",
					"64.0.0.0/2", "128.0.0.0/1");
		assertThat(space.freeAddresses(all)).isEqualTo(BigInteger.valueOf((1L << 32) - (1L << 24)));

		Cidr everyIpv6 = cidr("::/0");
		assertThat(space.lowestFree(everyIpv6, 0)).contains(everyIpv6);
		assertThat(space.largestFree(everyIpv6)).contains(everyIpv6);
		assertThat(space.freeBlocks(everyIpv6)).containsExactly(everyIpv6);
		assertThat(space.freeAddresses(everyIpv6)).isEqualTo(BigInteger.ONE.shiftLeft(128));
		space.take(everyIpv6);
		assertThat(space.lowestFree(cidr("fd00::/8"), 64)).isEmpty();
		assertThat(space.release(everyIpv6)).isTrue();
		assertThat(space.isFree(everyIpv6)).isTrue();
	}

	@Test
	void singleAddressBlocksReachTheTopOfEachFamily() {
		AddressSpace space = space("192.168.1.0/32", "192.168.1.2/32", "255.255.255.0/25", "255.255.255.128/26",
				"255.255.255.192/27", "255.255.255.224/28", "255.255.255.240/29", "255.255.255.248/30",
				"255.255.255.252/31", "255.255.255.254/32");
		Cidr small = cidr("192.168.1.0/30");

		assertThat(space.lowestFree(small, 32)).contains(cidr("192.168.1.1/32"));
		space.take(cidr("192.168.1.1/32"));
		assertThat(space.lowestFree(small, 32)).contains(cidr("192.168.1.3/32"));
		space.take(cidr("192.168.1.3/32"));
		assertThat(space.lowestFree(small, 32)).isEmpty();
		assertThat(space.lowestFree(cidr("255.255.255.0/24"), 32)).contains(cidr("255.255.255.255/32"));
		assertThat(space.freeBlocks(cidr("255.255.255.0/24"))).containsExactly(cidr("255.255.255.255/32"));

		Cidr top = cidr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127");
		space.take(cidr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128"));
		assertThat(space.lowestFree(top, 128)).contains(cidr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
		assertThat(space.largestFree(cidr("ffff::/16"))).contains(cidr("ffff::/17"));
	}

	@Test
	void aTakenBlockLargerThanThePoolLeavesNothingInIt() {
		AddressSpace space = space("10.0.0.0/8");
		Cidr pool = cidr("10.1.0.0/16");

		assertThat(space.lowestFree(pool, 24)).isEmpty();
		assertThat(space.largestFree(pool)).isEmpty();
		assertThat(space.freeBlocks(pool)).isEmpty();
		assertThat(space.freeAddresses(pool)).isZero();
		assertThat(space.isFree(pool)).isFalse();
		assertThat(space.overlapping(pool)).containsExactly(cidr("10.0.0.0/8"));
	}

	@Test
	void aPoolFilledByItsOwnBlocksIsExhausted() {
		AddressSpace space = space();
		Cidr pool = cidr("172.16.0.0/24");
		for (int i = 0; i < 4; i++) {
			space.take(space.lowestFree(pool, 26).orElseThrow());
		}

		assertThat(space.lowestFree(pool, 26)).isEmpty();
		assertThat(space.lowestFree(pool, 32)).isEmpty();
		assertThat(space.largestFree(pool)).isEmpty();
		assertThat(space.freeAddresses(pool)).isZero();
		assertThat(space.taken()).extracting(Cidr::toString)
			.containsExactly("172.16.0.0/26", "172.16.0.64/26", "172.16.0.128/26", "172.16.0.192/26");
	}

	@Test
	void aPrefixShorterThanThePoolsFitsNothingAndOneBeyondTheFamilyIsRefused() {
		AddressSpace space = space();

		assertThat(space.lowestFree(cidr("10.0.0.0/16"), 15)).isEmpty();
		assertThatThrownBy(() -> space.lowestFree(cidr("10.0.0.0/16"), 33))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("33");
		assertThatThrownBy(() -> space.lowestFree(cidr("fd00::/8"), 129)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void refusesToTakeWhatOverlapsAndNamesWhatItOverlaps() {
		AddressSpace space = space("10.0.0.0/16");

		assertThatThrownBy(() -> space.take(cidr("10.0.1.0/24"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("10.0.1.0/24")
			.hasMessageContaining("10.0.0.0/16");
		assertThatThrownBy(() -> space.take(cidr("10.0.0.0/8"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("10.0.0.0/16");
		assertThatThrownBy(() -> space.take(cidr("10.0.0.0/16"))).isInstanceOf(IllegalArgumentException.class);
		assertThat(space.taken()).containsExactly(cidr("10.0.0.0/16"));
	}

	@Test
	void refusesOverlappingCidrsWhenBuiltAndNamesBoth() {
		assertThatThrownBy(() -> space("172.31.0.0/16", "10.0.0.0/8", "172.16.0.0/12"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("172.16.0.0/12")
			.hasMessageContaining("172.31.0.0/16");
	}

	@Test
	void releasesOnlyTheExactCidrAndReusesItsSpace() {
		AddressSpace space = space("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24");
		Cidr pool = cidr("10.0.0.0/16");

		assertThat(space.release(cidr("10.0.1.0/25"))).isFalse();
		assertThat(space.release(cidr("10.0.0.0/23"))).isFalse();
		assertThat(space.release(cidr("10.9.0.0/24"))).isFalse();
		assertThat(space.release(cidr("10.0.1.0/24"))).isTrue();
		assertThat(space.lowestFree(pool, 24)).contains(cidr("10.0.1.0/24"));
		assertThat(space.release(cidr("10.0.0.0/24"))).isTrue();
		assertThat(space.lowestFree(pool, 23)).contains(cidr("10.0.0.0/23"));
		assertThat(space.release(cidr("10.0.2.0/24"))).isTrue();
		assertThat(space.freeBlocks(pool)).containsExactly(pool);
	}

	@Test
	void listsOverlapsAndTakenCidrsInAscendingOrder() {
		AddressSpace space = space("fd00::/8", "10.0.2.0/24", "10.0.0.0/24", "192.168.0.0/16", "10.0.1.0/24");

		assertThat(space.overlapping(cidr("10.0.0.0/22"))).extracting(Cidr::toString)
			.containsExactly("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24");
		assertThat(space.overlapping(cidr("192.168.7.0/24"))).containsExactly(cidr("192.168.0.0/16"));
		assertThat(space.overlapping(cidr("10.0.3.0/24"))).isEmpty();
		assertThat(space.taken()).extracting(Cidr::toString)
			.containsExactly("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "192.168.0.0/16", "fd00::/8");
	}

	@Test
	void countsFreeAddressesAndDrawsTheFreePartOfAPool() {
		AddressSpace space = space("10.96.0.0/16", "10.97.128.0/17", "10.100.0.0/14");
		Cidr pool = cidr("10.96.0.0/12");

		assertThat(space.freeAddresses(pool))
			.isEqualTo(BigInteger.valueOf((1 << 20) - (1 << 16) - (1 << 15) - (1 << 18)));
		assertThat(space.freeBlocks(pool)).extracting(Cidr::toString)
			.containsExactly("10.97.0.0/17", "10.98.0.0/15", "10.104.0.0/13");
		assertThat(space.largestFree(pool)).contains(cidr("10.104.0.0/13"));
	}

	private static AddressSpace space(String... taken) {
		return AddressSpace.of(Arrays.stream(taken).map(Cidr::parse).toList());
	}

	private static Cidr cidr(String text) {
		return Cidr.parse(text);
	}

}
