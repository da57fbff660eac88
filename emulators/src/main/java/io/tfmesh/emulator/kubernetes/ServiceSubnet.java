package io.tfmesh.emulator.kubernetes;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

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
		try {
			byte[] address = InetAddress.getByName(first.substring(0, slash)).getAddress();
			int prefix = Integer.parseInt(first.substring(slash + 1));
			int bits = address.length * 8;
			if (prefix < 0 || prefix > bits || first.substring(0, slash).isEmpty()) {
				return Optional.empty();
			}
			BigInteger mask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE).not();
			return Optional.of(new ServiceSubnet(first, new BigInteger(1, address).and(mask), prefix, bits));
		}
		catch (UnknownHostException | NumberFormatException ex) {
			// not a CIDR kubeadm would have accepted: the cluster then allocates nothing
			return Optional.empty();
		}
	}

	/** The n-th address after the network's: 1 for the {@code kubernetes} Service, 10 for DNS. */
	String address(int n) {
		return format(network.add(BigInteger.valueOf(n)));
	}

	boolean contains(String address) {
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length * 8 != bits) {
				return false;
			}
			BigInteger value = new BigInteger(1, bytes);
			return value.compareTo(network) > 0 && value.compareTo(last()) <= 0;
		}
		catch (UnknownHostException ex) {
			return false;
		}
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
		byte[] raw = value.toByteArray();
		byte[] bytes = new byte[bits / 8];
		int copy = Math.min(raw.length, bytes.length);
		System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
