package io.tfmesh.emulator.tf;

import java.math.BigInteger;

import io.tfmesh.emulator.IpLiterals;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One subnet as contrail-api handles it with netaddr: its network address, first and last
 * address, and containment.
 */
record IpSubnet(String prefix, int length, int bits, BigInteger first, BigInteger last) {

	/** {@code {"ip_prefix": ..., "ip_prefix_len": ...}}, or null when it is no subnet. */
	static @Nullable IpSubnet of(JsonNode subnet) {
		if (!subnet.path("ip_prefix").isString() || !subnet.path("ip_prefix_len").isValueNode()) {
			return null;
		}
		return parse(subnet.path("ip_prefix").asString(), subnet.path("ip_prefix_len").asString());
	}

	static @Nullable IpSubnet parse(String prefix, String lengthText) {
		BigInteger address = address(prefix);
		if (address == null || !lengthText.matches("\\d{1,3}")) {
			return null;
		}
		int bits = prefix.contains(":") ? 128 : 32;
		int length = Integer.parseInt(lengthText);
		if (length > bits) {
			return null;
		}
		BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
		BigInteger first = address.andNot(hostMask);
		// str(cidr.network): the server keeps the network address, without host bits
		String network = bits == 32 ? text(first, bits) : prefix;
		return new IpSubnet(network, length, bits, first, first.or(hostMask));
	}

	/** An IPv4 or IPv6 literal as a number, or null. */
	static @Nullable BigInteger address(String text) {
		return IpLiterals.parse(text);
	}

	static String text(BigInteger address, int bits) {
		return IpLiterals.format(address, bits);
	}

	boolean contains(BigInteger address) {
		return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
	}

	/** netaddr's {@code net1 in net2 or net2 in net1}. */
	boolean overlaps(IpSubnet other) {
		return bits == other.bits && (contains(other.first) && contains(other.last)
				|| other.contains(first) && other.contains(last));
	}

	/** {@code str(IPNetwork(...))}. */
	@Override
	public String toString() {
		return prefix + "/" + length;
	}

	/** {@code repr(IPNetwork(...))}. */
	String repr() {
		return "IPNetwork('" + this + "')";
	}

}
