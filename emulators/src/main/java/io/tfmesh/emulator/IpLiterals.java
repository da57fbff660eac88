package io.tfmesh.emulator;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * IPv4 and IPv6 literals as numbers and back, as the emulated servers read and print them. Only
 * literals are read, so no text ever becomes a name lookup.
 */
public final class IpLiterals {

	private IpLiterals() {
	}

	/** The address a literal names, or null when the text is not an IPv4 or IPv6 literal. */
	public static @Nullable BigInteger parse(String text) {
		boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		if (!v4 && (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+"))) {
			return null;
		}
		try {
			byte[] address = InetAddress.getByName(text).getAddress();
			// an IPv4-mapped IPv6 literal comes back as four bytes
			return (address.length * 8 == bits(text)) ? new BigInteger(1, address) : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** The number of bits of the address a literal names: 32 or 128. */
	public static int bits(String literal) {
		return literal.indexOf(':') >= 0 ? 128 : 32;
	}

	/**
	 * The literal of an address, IPv6 in its compressed form (RFC 5952: the longest run of two or
	 * more zero groups becomes {@code ::}), as Kubernetes and netaddr print it.
	 */
	public static String format(BigInteger address, int bits) {
		byte[] raw = address.toByteArray();
		byte[] bytes = new byte[bits / 8];
		int copy = Math.min(raw.length, bytes.length);
		System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
		if (bits == 32) {
			return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j == i) ? i + 1 : j;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
