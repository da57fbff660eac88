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
	 * A route target's ASN (a number, or an address kept as written) and index, as
	 * {@code _parse_route_target_name} reads them; a 4-byte {@code L} suffix is dropped.
	 */
	record Parsed(@Nullable Long asn, String asnText, long target) {

		/** {@code "target:" + str(asn) + ":" + str(target)}, what the server stores. */
		String normalized() {
			return "target:" + (asn != null ? asn.toString() : asnText) + ":" + target;
		}

	}

	/** {@code route_target.py} {@code _parse_route_target_name}. */
	static Parsed parse(String routeTarget) {
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
			return new Parsed(null, asn, target);
		}
		return new Parsed(clamp(new BigInteger(asn)), asn, target);
	}

	/**
	 * {@code validate_route_target} as {@code virtual_network.py} calls it on each entry of a
	 * network's lists: the format, the ASN range of {@code check_asn_range}, then the range
	 * contrail allocates from.
	 * @param globalAsn the global-system-config's ASN, or null when there is none yet
	 * @return the entry as the server stores it
	 * @throws ApiError 400 with contrail-api's message
	 */
	static String validate(String routeTarget, @Nullable Long globalAsn, boolean fourByteAs) {
		Parsed parsed = parse(routeTarget);
		if (parsed.asn() != null) {
			checkAsnRange(parsed.asn(), fourByteAs);
		}
		check(routeTarget, globalAsn, fourByteAs);
		return parsed.normalized();
	}

	/** {@code global_system_config.py} {@code check_asn_range}. */
	static void checkAsnRange(long asn, boolean fourByteAs) {
		if (fourByteAs && (asn < 1 || asn > 0xFFFFFFFFL)) {
			throw new ApiError(400, "ASN out of range, should be between 1-0xFFFFFFFF");
		}
		if (!fourByteAs && (asn < 1 || asn > 0xFFFF)) {
			throw new ApiError(400, "ASN out of range, should be between 1-0xFFFF");
		}
	}

	/**
	 * Whether contrail leaves the route target to the user under that global ASN
	 * ({@code validate_route_target_range}): false when it is of the global ASN and in the
	 * range contrail allocates from.
	 */
	static boolean userDefined(String routeTarget, long globalAsn, boolean fourByteAs) {
		Parsed parsed = parse(routeTarget);
		if (parsed.asn() == null || parsed.asn() != globalAsn) {
			return true;
		}
		long target = parsed.target();
		long min = minId(globalAsn);
		long max = globalAsn > 0xFFFF ? MAX_ID_TYPE1_2 : MAX_ID_TYPE0;
		long top = fourByteAs ? 0xFFFFL : 0xFFFFFFFFL;
		return (1 <= target && target < min) || (max < target && target <= top);
	}

	/** {@code get_bgp_rtgt_min_id}: where the automatic route targets of an ASN start. */
	static long minId(long asn) {
		return asn > 0xFFFF ? MIN_ID_TYPE1_2 : MIN_ID_TYPE0;
	}

	/**
	 * @param globalAsn the global-system-config's ASN, or null when there is none yet
	 * @throws ApiError 400 with contrail-api's message
	 */
	static void check(String routeTarget, @Nullable Long globalAsn, boolean fourByteAs) {
		Parsed parsed = parse(routeTarget);
		if (globalAsn == null || parsed.asn() == null || !parsed.asn().equals(globalAsn)) {
			return;
		}
		if (!userDefined(routeTarget, globalAsn, fourByteAs)) {
			long max = globalAsn > 0xFFFF ? MAX_ID_TYPE1_2 : MAX_ID_TYPE0;
			throw new ApiError(400, "Configured route target must use ASN that is different from global ASN or route"
					+ " target value must be less than " + minId(globalAsn) + " and greater than " + max);
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
