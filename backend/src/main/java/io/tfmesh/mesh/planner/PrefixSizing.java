package io.tfmesh.mesh.planner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Sizes a block from the number of addresses a cluster is expected to use. */
public final class PrefixSizing {

	private PrefixSizing() {
	}

	/**
	 * The longest prefix (the smallest block) that holds {@code expectedAddresses * (1 + headroom)}
	 * addresses, rounded up.
	 * @param headroom the share on top of the expected count, such as 0.5 for 50 %
	 * @throws IllegalArgumentException when nothing is expected, the headroom is negative, or no
	 * block of the family is that large
	 */
	public static int prefixFor(long expectedAddresses, double headroom, boolean ipv4) {
		if (expectedAddresses <= 0) {
			throw new IllegalArgumentException("expected addresses must be positive, not " + expectedAddresses);
		}
		if (!(headroom >= 0) || Double.isInfinite(headroom)) {
			throw new IllegalArgumentException("headroom must be zero or more, not " + headroom);
		}
		int bits = ipv4 ? 32 : 128;
		// decimal, so that 100 addresses with 10 % headroom need 110, not 111
		BigInteger needed = BigDecimal.valueOf(expectedAddresses)
			.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(headroom)))
			.setScale(0, RoundingMode.CEILING)
			.toBigIntegerExact();
		int hostBits = needed.subtract(BigInteger.ONE).bitLength();
		if (hostBits > bits) {
			throw new IllegalArgumentException(needed + " addresses do not fit in one " + (ipv4 ? "IPv4" : "IPv6")
					+ " block; the largest holds 2^" + bits);
		}
		return bits - hostBits;
	}

}
