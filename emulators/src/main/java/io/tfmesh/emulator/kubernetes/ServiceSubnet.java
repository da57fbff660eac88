package io.tfmesh.emulator.kubernetes;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

import io.tfmesh.emulator.IpLiterals;

/**
 * The block kubeadm's {@code --service-cidr} gives Services their cluster IPs from. Its first
 * address is the network's, the next one the {@code kubernetes} Service's.
 */
record ServiceSubnet(String cidr, BigInteger network, int prefix, int bits) {

	/** @param cidr such as {@code 10.96.0.0/12}; of a dual-stack list only the first block */
	static Optional<ServiceSubnet> parse(String cidr) {
		String first = cidr.split(",")[0].trim();
		int slash = first.indexOf('/');
		if (slash < 0) {
			return Optional.empty();
		}
		BigInteger address = IpLiterals.parse(first.substring(0, slash));
		String length = first.substring(slash + 1);
		if (address == null || !length.matches("\\d{1,3}")) {
			// not a CIDR kubeadm would have accepted: the cluster then allocates nothing
			return Optional.empty();
		}
		int bits = IpLiterals.bits(first);
		int prefix = Integer.parseInt(length);
		if (prefix > bits) {
			return Optional.empty();
		}
		BigInteger mask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE).not();
		return Optional.of(new ServiceSubnet(first, address.and(mask), prefix, bits));
	}

	/** The n-th address after the network's: 1 for the {@code kubernetes} Service, 10 for DNS. */
	String address(int n) {
		return format(network.add(BigInteger.valueOf(n)));
	}

	boolean contains(String address) {
		BigInteger value = IpLiterals.parse(address);
		if (value == null || IpLiterals.bits(address) != bits) {
			return false;
		}
		return value.compareTo(network) > 0 && value.compareTo(last()) <= 0;
	}

	/** The lowest address after the network's that is not taken, if one is left. */
	Optional<String> free(Set<String> taken) {
		for (BigInteger candidate = network.add(BigInteger.ONE); candidate.compareTo(last()) <= 0; candidate = candidate
			.add(BigInteger.ONE)) {
			String address = format(candidate);
			if (!taken.contains(address)) {
				return Optional.of(address);
			}
		}
		return Optional.empty();
	}

	private BigInteger last() {
		BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
		// an IPv4 block's broadcast address is not handed out
		return network.add(size).subtract((bits == 32) ? BigInteger.TWO : BigInteger.ONE);
	}

	private String format(BigInteger value) {
		return IpLiterals.format(value, bits);
	}

}
