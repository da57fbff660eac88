package io.tfmesh.fabric.tf;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;

/**
 * Values as contrail-api stores them, so that what tfmesh wants is compared with what it
 * reads, not with how it was spelled: the server rewrites each route target of a network as
 * {@code "target:" + str(asn) + ":" + str(number)} ({@code route_target.py}
 * {@code validate_route_target_range}) and each subnet to its network address
 * ({@code api_server.py} {@code _validate_subnet_type}).
 */
public final class TfValues {

	/** {@code _parse_route_target_name}: Python's {@code int()} takes blanks and a sign around the index. */
	private static final Pattern ROUTE_TARGET = Pattern.compile("target:(\\d+)([lL]?):\\s*([+-]?\\d+)\\s*");

	private static final Pattern ADDRESS_ROUTE_TARGET = Pattern.compile("(target:[^:]+[lL]?):\\s*([+-]?\\d+)\\s*");

	private TfValues() {
	}

	/**
	 * The route target as the server stores it; one the server would refuse is returned as
	 * it is, for the server to refuse.
	 */
	public static String routeTarget(String routeTarget) {
		Matcher numeric = ROUTE_TARGET.matcher(routeTarget);
		try {
			if (numeric.matches()) {
				return "target:" + Long.parseLong(numeric.group(1)) + ":" + Long.parseLong(numeric.group(3));
			}
			Matcher address = ADDRESS_ROUTE_TARGET.matcher(routeTarget);
			if (address.matches() && !address.group(1).endsWith("l") && !address.group(1).endsWith("L")) {
				return address.group(1) + ":" + Long.parseLong(address.group(2));
			}
		}
		catch (NumberFormatException ex) {
			// too large for the server's ranges too; it answers for it
		}
		return routeTarget;
	}

	public static List<String> routeTargets(List<String> routeTargets) {
		return routeTargets.stream().map(TfValues::routeTarget).toList();
	}

	/** The canonical network of a subnet, host bits cleared; text that names no network is kept as it is. */
	public static String cidr(String cidr) {
		try {
			return Cidr.parse(cidr).toString();
		}
		catch (InvalidCidrException ex) {
			return ex.suggestion().map(Cidr::toString).orElse(cidr);
		}
	}

	public static List<String> cidrs(List<String> cidrs) {
		return cidrs.stream().map(TfValues::cidr).toList();
	}

	/** The object with its route targets and subnets as the server would store them. */
	public static TfObject normalized(TfObject object) {
		if (object instanceof NetworkIpam ipam) {
			return new NetworkIpam(ipam.uuid(), ipam.fqName(), ipam.subnetMethod(), cidrs(ipam.subnets()));
		}
		if (object instanceof VirtualNetwork network) {
			List<IpamRef> refs = network.ipamRefs()
				.stream()
				.map(ref -> new IpamRef(ref.to(), cidrs(ref.subnets())))
				.toList();
			return new VirtualNetwork(network.uuid(), network.fqName(), refs, routeTargets(network.routeTargets()),
					routeTargets(network.importRouteTargets()), routeTargets(network.exportRouteTargets()),
					network.networkPolicyRefs(), network.addressAllocationMode(), network.fabricSnat());
		}
		return object;
	}

}
