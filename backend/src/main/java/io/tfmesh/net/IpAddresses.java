package io.tfmesh.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Strict parsing of IP address literals; never resolves a host name. */
public final class IpAddresses {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

	private IpAddresses() {
	}

	/** The address, if {@code text} is an IPv4 literal without leading zeros or an IPv6 literal. */
	public static Optional<InetAddress> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		if (IPV4.matcher(text).matches()) {
			return Optional.of(literal(text));
		}
		if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
			try {
				// a literal with ':' is parsed, not looked up
				return Optional.of(InetAddress.getByName(text));
			}
			catch (UnknownHostException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	/** The canonical spelling of an address, or the text unchanged when it is not one (so validation can name it). */
	public static String canonical(String text) {
		return parse(text).map(IpAddresses::format).orElse(text);
	}

	public static boolean isValid(String text) {
		return parse(text).isPresent();
	}

	/** The address in its canonical text form (RFC 5952 for IPv6: lower case, longest zero run as ::). */
	public static String format(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return address.getHostAddress();
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
			i = Math.max(j, i + 1);
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	private static InetAddress literal(String ipv4) {
		String[] parts = ipv4.split("\\.");
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			bytes[i] = (byte) Integer.parseInt(parts[i]);
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
