package io.tfmesh.emulator.tf;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The route-target checks contrail-api makes on a virtual network's route target lists
 * ({@code resources/route_target.py}, {@code virtual_network.py}).
 */
final class RouteTargets {

	static final String FORMAT = "Route target must be of the format 'target:<asn>:<number>' or 'target:<ip>:<number>'";

	/** Contrail allocates route targets of the global ASN from these ranges itself. */
	private static final long MIN_ID_TYPE0 = 8_000_000;

	private static final long MIN_ID_TYPE1_2 = 8_000;

	private static final long MAX_ID_TYPE0 = 1L << 24;

	private static final long MAX_ID_TYPE1_2 = 1L << 15;

	private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

	private static final Pattern DIGITS = Pattern.compile("\\d+");

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

	private RouteTargets() {
	}

	/**
	 * @param globalAsn the global-system-config's ASN, or null when there is none yet
	 * @throws ApiError 400 with contrail-api's message
	 */
	static void check(String routeTarget, @Nullable Long globalAsn, boolean fourByteAs) {
		String[] parts = routeTarget.split(":", -1);
		if (parts.length != 3 || !parts[0].equals("target") || !INTEGER.matcher(parts[2].strip()).matches()) {
			throw new ApiError(400, FORMAT);
		}
		long target = clamp(new BigInteger(parts[2].strip()));
		String asn = parts[1];
		if (asn.toLowerCase().endsWith("l")) {
			if (target > 0xFFFF) {
				throw new ApiError(400, "Route Target index value must be less than 0xFFFF in case of 4 byte ASN");
			}
			asn = asn.substring(0, asn.length() - 1);
		}
		if (!DIGITS.matcher(asn).matches()) {
			if (!isIpAddress(asn)) {
				throw new ApiError(400, FORMAT);
			}
			return;
		}
		long number = clamp(new BigInteger(asn));
		if (globalAsn == null || number != globalAsn) {
			return;
		}
		long min = number > 0xFFFF ? MIN_ID_TYPE1_2 : MIN_ID_TYPE0;
		long max = number > 0xFFFF ? MAX_ID_TYPE1_2 : MAX_ID_TYPE0;
		long top = fourByteAs ? 0xFFFFL : 0xFFFFFFFFL;
		if (!((1 <= target && target < min) || (max < target && target <= top))) {
			throw new ApiError(400, "Configured route target must use ASN that is different from global ASN or route"
					+ " target value must be less than " + min + " and greater than " + max);
		}
	}

	/** netaddr's {@code IPAddress()} as route_target.py calls it: a dotted quad or an IPv6 literal. */
	private static boolean isIpAddress(String text) {
		if (IPV4.matcher(text).matches()) {
			return true;
		}
		if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
			return false;
		}
		try {
			InetAddress.getByName(text);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static long clamp(BigInteger value) {
		return value.bitLength() < 63 ? value.longValue() : (value.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
	}

}
