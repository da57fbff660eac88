package io.tfmesh.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in canonical form: no host bits set below the prefix.
 *
 * @param network the first address of the network
 * @param prefixLength number of leading network bits
 */
public record Cidr(InetAddress network, int prefixLength) implements Comparable<Cidr> {

	public Cidr {
		int bits = network.getAddress().length * 8;
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range 0.." + bits);
		}
		if (!Arrays.equals(network.getAddress(), mask(network.getAddress(), prefixLength))) {
			throw new IllegalArgumentException(network.getHostAddress() + "/" + prefixLength + " has host bits set");
		}
	}

	/**
	 * Reads a CIDR in canonical form.
	 * @throws InvalidCidrException with a message for people, and the canonical form when only
	 * host bits were wrong
	 */
	public static Cidr parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidCidrException("is empty; expected a CIDR such as 10.0.0.0/16", null);
		}
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		if (slash < 0) {
			Optional<InetAddress> address = IpAddresses.parse(trimmed);
			String example = address.map(a -> IpAddresses.format(a) + "/" + a.getAddress().length * 8)
				.orElse("10.0.0.0/16");
			throw new InvalidCidrException("'" + text + "' has no prefix length; expected a CIDR such as " + example,
					null);
		}
		InetAddress address = IpAddresses.parse(trimmed.substring(0, slash))
			.orElseThrow(() -> new InvalidCidrException(
					"'" + text + "' is not a CIDR; expected an IP address, '/', a prefix length, such as 10.0.0.0/16",
					null));
		int bits = address.getAddress().length * 8;
		int prefix;
		try {
			String digits = trimmed.substring(slash + 1);
			if (!digits.matches("\\d{1,3}")) {
				throw new NumberFormatException(digits);
			}
			prefix = Integer.parseInt(digits);
		}
		catch (NumberFormatException ex) {
			throw new InvalidCidrException("'" + text + "' has no valid prefix length; expected 0.." + bits, null);
		}
		if (prefix > bits) {
			throw new InvalidCidrException("'" + text + "' has prefix length " + prefix + "; expected 0.." + bits, null);
		}
		Cidr canonical = new Cidr(toAddress(mask(address.getAddress(), prefix)), prefix);
		if (!canonical.network.equals(address)) {
			throw new InvalidCidrException("'" + text + "' has host bits set; the network is " + canonical, canonical);
		}
		if (!canonical.toString().equals(trimmed)) {
			// the same network, spelled otherwise (upper case, leading zeros, uncompressed IPv6)
			throw new InvalidCidrException("'" + text + "' is not in canonical form; write it as " + canonical,
					canonical);
		}
		return canonical;
	}

	/**
	 * Reads a CIDR that PostgreSQL wrote: its {@code cidr} type only holds canonical networks,
	 * so the checks of {@link #parse} are skipped for the thousands of rows a plan reads.
	 */
	public static Cidr ofDatabase(String text) {
		int slash = text.indexOf('/');
		if (slash < 0 || text.indexOf(':') >= 0) {
			return parse(text);
		}
		byte[] bytes = new byte[4];
		int octet = 0;
		int value = 0;
		for (int i = 0; i < slash; i++) {
			char c = text.charAt(i);
			if (c == '.') {
				bytes[octet++] = (byte) value;
				value = 0;
			}
			else {
				value = value * 10 + (c - '0');
			}
		}
		bytes[octet] = (byte) value;
		return new Cidr(toAddress(bytes), Integer.parseInt(text, slash + 1, text.length(), 10));
	}

	public boolean isIpv4() {
		return network.getAddress().length == 4;
	}

	public boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == network.getAddress().length
				&& Arrays.equals(mask(bytes, prefixLength), network.getAddress());
	}

	/**
	 * Whether every address of the other network lies in this one: the same family, a prefix at
	 * least as long as this one's, and this one's leading bits. {@code 10.0.0.0/8} contains
	 * {@code 10.1.0.0/16} and itself; {@code 10.0.0.0/16} does not contain {@code 10.0.0.0/8}.
	 */
	public boolean contains(Cidr other) {
		return other.prefixLength >= prefixLength && contains(other.network);
	}

	public boolean overlaps(Cidr other) {
		if (isIpv4() != other.isIpv4()) {
			return false;
		}
		int shorter = Math.min(prefixLength, other.prefixLength);
		return Arrays.equals(mask(network.getAddress(), shorter), mask(other.network.getAddress(), shorter));
	}

	/** Number of addresses in the network. */
	public BigInteger size() {
		return BigInteger.ONE.shiftLeft(network.getAddress().length * 8 - prefixLength);
	}

	@Override
	public int compareTo(Cidr other) {
		int byFamily = Integer.compare(network.getAddress().length, other.network.getAddress().length);
		if (byFamily != 0) {
			return byFamily;
		}
		int byNetwork = new BigInteger(1, network.getAddress()).compareTo(new BigInteger(1, other.network.getAddress()));
		return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
	}

	@Override
	public String toString() {
		return IpAddresses.format(network) + "/" + prefixLength;
	}

	private static byte[] mask(byte[] address, int prefix) {
		byte[] masked = address.clone();
		for (int i = 0; i < masked.length; i++) {
			int keep = Math.max(0, Math.min(8, prefix - i * 8));
			masked[i] &= (byte) (0xff << (8 - keep));
		}
		return masked;
	}

	private static InetAddress toAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
