package io.tfmesh.mesh.planner;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An unsigned 128-bit number: an IPv6 address, or an IPv4 address in the low 32 bits. Two longs
 * instead of a {@link BigInteger} keep the planner's arithmetic free of allocation-heavy maths.
 */
record Uint128(long high, long low) implements Comparable<Uint128> {

	static final Uint128 ZERO = new Uint128(0, 0);

	static final Uint128 MAX = new Uint128(-1, -1);

	private static final Uint128[] LOW_BITS = new Uint128[129];

	static {
		for (int count = 0; count <= 128; count++) {
			long low = count >= 64 ? -1L : (1L << count) - 1;
			long high = count <= 64 ? 0 : (count == 128 ? -1L : (1L << (count - 64)) - 1);
			LOW_BITS[count] = new Uint128(high, low);
		}
	}

	static Uint128 of(InetAddress address) {
		byte[] bytes = address.getAddress();
		long high = 0;
		long low = 0;
		int split = Math.max(0, bytes.length - 8);
		for (int i = 0; i < split; i++) {
			high = (high << 8) | (bytes[i] & 0xff);
		}
		for (int i = split; i < bytes.length; i++) {
			low = (low << 8) | (bytes[i] & 0xff);
		}
		return new Uint128(high, low);
	}

	/** The number with its {@code count} lowest bits set: the host part of a block of that many host bits. */
	static Uint128 lowBits(int count) {
		return LOW_BITS[count];
	}

	InetAddress toAddress(int bits) {
		byte[] bytes = new byte[bits / 8];
		for (int i = bytes.length - 1, shift = 0; i >= 0; i--, shift += 8) {
			bytes[i] = (byte) (shift < 64 ? low >>> shift : high >>> (shift - 64));
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Uint128 minus(Uint128 other) {
		long difference = low - other.low;
		long borrow = Long.compareUnsigned(low, other.low) < 0 ? 1 : 0;
		return new Uint128(high - other.high - borrow, difference);
	}

	Uint128 plusOne() {
		return low == -1L ? new Uint128(high + 1, 0) : new Uint128(high, low + 1);
	}

	Uint128 minusOne() {
		return low == 0 ? new Uint128(high - 1, -1L) : new Uint128(high, low - 1);
	}

	Uint128 or(Uint128 other) {
		return new Uint128(high | other.high, low | other.low);
	}

	Uint128 andNot(Uint128 other) {
		return new Uint128(high & ~other.high, low & ~other.low);
	}

	boolean isZero() {
		return high == 0 && low == 0;
	}

	/** Position of the highest set bit, -1 for zero. */
	int floorLog2() {
		return high != 0 ? 127 - Long.numberOfLeadingZeros(high) : 63 - Long.numberOfLeadingZeros(low);
	}

	/** Number of trailing zero bits, 128 for zero. */
	int trailingZeros() {
		return low != 0 ? Long.numberOfTrailingZeros(low) : 64 + Long.numberOfTrailingZeros(high);
	}

	BigInteger toBigInteger() {
		return new BigInteger(Long.toUnsignedString(high)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(low)));
	}

	@Override
	public int compareTo(Uint128 other) {
		int byHigh = Long.compareUnsigned(high, other.high);
		return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
	}

}
